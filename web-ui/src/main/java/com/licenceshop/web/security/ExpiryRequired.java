package com.licenceshop.web.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * A staff login token without {@code exp} is refused: micronaut's own expiry check lets such a token pass, and it would be
 * a login for ever (L-19). Whether {@code exp} lies in the past is micronaut's check.
 */
@Singleton
final class ExpiryRequired<T> implements GenericJwtClaimsValidator<T> {

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        return claims.get(Claims.EXPIRATION_TIME) != null;
    }
}
