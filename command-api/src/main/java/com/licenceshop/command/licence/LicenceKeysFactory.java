package com.licenceshop.command.licence;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The shop's signing keys from the environment; a missing or placeholder key stops the service at start. */
@Factory
class LicenceKeysFactory {

    // @Context: refused at start, not at the first order
    @Context
    SigningKeys signingKeys(
            @Value("${shop.licences.signing-key:}") String signingKey,
            @Value("${shop.licences.signing-key-id:}") String keyId,
            @Value("${shop.licences.verify-keys:}") String verifyKeys) {
        return SigningKeys.of(signingKey, keyId, verifyKeys);
    }

    @Singleton
    LicenceSigner signer(SigningKeys keys) {
        return new LicenceSigner(keys);
    }

    @Singleton
    LicenceVerifier verifier(SigningKeys keys) {
        return new LicenceVerifier(keys.verifyKeys());
    }
}
