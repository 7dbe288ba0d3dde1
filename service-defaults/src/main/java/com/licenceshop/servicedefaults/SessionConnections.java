package com.licenceshop.servicedefaults;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections for what needs a session of its own (LISTEN, a session advisory lock, Flyway's {@code search_path}), on
 * {@code shop.database.session-url}: through a pooler in transaction mode a LISTEN hears nothing and a lock is
 * "released" on another connection (ADR 10). Opened with the driver, outside the pool; the caller closes them.
 */
@Singleton
@Requires(property = "datasources.default.url")
public class SessionConnections {

    private final String url;
    private final String user;
    private final String password;

    SessionConnections(
            @Value("${shop.database.session-url:}") String sessionUrl,
            @Value("${datasources.default.url}") String pooledUrl,
            @Value("${datasources.default.username:}") String user,
            @Value("${datasources.default.password:}") String password) {
        this.url = sessionUrl == null || sessionUrl.isBlank() ? pooledUrl : sessionUrl;
        this.user = user;
        this.password = password;
    }

    /** The URL sessions are opened on: the direct one, or the pool's when no other is set. */
    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A new session named {@code applicationName} (pg_stat_activity), with the driver's {@code properties} besides. */
    public Connection open(String applicationName, Properties properties) throws SQLException {
        Properties login = new Properties();
        login.putAll(properties);
        if (user != null && !user.isEmpty()) {
            login.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            login.setProperty("password", password);
        }
        login.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url, login);
    }
}
