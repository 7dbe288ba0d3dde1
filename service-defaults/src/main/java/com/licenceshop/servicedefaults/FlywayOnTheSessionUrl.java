package com.licenceshop.servicedefaults;

import io.micronaut.context.annotation.Requires;
import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway migrates over the session URL ({@link SessionConnections}), not through the pool: it sets the
 * session's {@code search_path} and holds a session advisory lock while it migrates, which a pooler in
 * transaction mode would spread over several server connections. Replaces micronaut-flyway's default
 * customizer, which only adds named Java migrations and callbacks (no service has any).
 */
@Singleton
@Named("default")
@Requires(classes = {FluentConfiguration.class, FlywayConfigurationCustomizer.class})
@Requires(beans = SessionConnections.class)
class FlywayOnTheSessionUrl implements FlywayConfigurationCustomizer {

    private final SessionConnections sessions;

    FlywayOnTheSessionUrl(SessionConnections sessions) {
        this.sessions = sessions;
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration configuration) {
        configuration.dataSource(sessions.url(), sessions.user(), sessions.password());
    }

    @Override
    public String getName() {
        return "default";
    }
}
