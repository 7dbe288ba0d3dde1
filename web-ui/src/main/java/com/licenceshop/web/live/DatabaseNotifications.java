package com.licenceshop.web.live;

import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.JdbcTransactions;
import com.licenceshop.servicedefaults.SessionConnections;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * LISTENs on the projector's and the notifier's NOTIFY channels on one connection of its own and fans each
 * notification out to this instance's SSE streams, so instances share nothing. Notifications missed while the
 * connection was down are made up for by one synthetic notification per channel after reconnecting.
 */
@Context
public class DatabaseNotifications {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseNotifications.class);
    static final List<String> CHANNELS = List.of(Topology.salesPositionChannel(), Topology.mailSentChannel());
    private static final int POLL_MILLIS = 500;
    private static final long VALIDATION_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private final SessionConnections sessions;
    private final LiveConfig config;
    private final Sinks.Many<Notification> sink = Sinks.many().multicast().directBestEffort();
    private final Thread listener;
    private volatile boolean running = true;
    private volatile boolean listening;

    /** One NOTIFY: its channel and payload (the projector's position, or an order id for mail_sent). */
    public record Notification(String channel, String payload) {}

    DatabaseNotifications(SessionConnections sessions, LiveConfig config) {
        this.sessions = sessions;
        this.config = config;
        this.listener = new Thread(this::listenUntilStopped, "db-notifications");
        this.listener.setDaemon(true);
    }

    /** Only once the whole context is up: a start that fails (e.g. a missing secret) leaves no thread behind. */
    @EventListener
    void onStartup(StartupEvent event) {
        listener.start();
    }

    /** Notifications of one channel, from now on (hot: nothing is replayed). */
    public Flux<Notification> on(String channel) {
        return sink.asFlux().filter(notification -> notification.channel().equals(channel));
    }

    /** Whether the LISTEN is in place right now (tests wait for it before they NOTIFY). */
    public boolean isListening() {
        return listening;
    }

    private void listenUntilStopped() {
        while (running) {
            // a session of its own on the session URL, held for as long as it works: LISTEN through a pooler in
            // transaction mode would hear nothing (docs/adr/0010-connection-budget.md)
            try (Connection connection = sessions.open("web-ui-notifications", new Properties())) {
                PGConnection postgres = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    JdbcTransactions.autoCommit(connection);
                    for (String channel : CHANNELS) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                listening = true;
                LOG.info("listening for {}", CHANNELS);
                CHANNELS.forEach(channel -> emit(new Notification(channel, "")));
                long lastCheck = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            emit(new Notification(notification.getName(), notification.getParameter()));
                        }
                    }
                    if (System.nanoTime() - lastCheck > VALIDATION_NANOS) {
                        // a dead peer does not always break the socket; a round trip now and then notices
                        if (!connection.isValid(5)) {
                            throw new SQLException("the LISTEN connection is no longer valid");
                        }
                        lastCheck = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (running) {
                    LOG.warn(
                            "not listening for notifications (retrying in {}): {}",
                            config.reconnectDelay(),
                            e.getMessage());
                    pause();
                }
            }
        }
        listening = false;
    }

    private void emit(Notification notification) {
        // directBestEffort: a slow subscriber misses a notification rather than holding up the others; the next
        // one makes it re-read anyway
        sink.tryEmitNext(notification);
    }

    private void pause() {
        try {
            Thread.sleep(config.reconnectDelay().toMillis()); // the listener thread's own back-off, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        listener.interrupt();
        sink.tryEmitComplete();
    }
}
