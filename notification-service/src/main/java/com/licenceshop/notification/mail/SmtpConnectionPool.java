package com.licenceshop.notification.mail;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of connected SMTP transports. A new connection costs a TCP handshake, the greeting, EHLO (and
 * on real relays TLS and AUTH): far more than one mail over an open one. A connection goes back only while it
 * is healthy; it is closed (QUIT) once it idled longer than the idle timeout or carried the maximum of mails, and
 * all idle ones are closed on shutdown. At most {@code size} connections exist at a time.
 */
@Singleton
class SmtpConnectionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnectionPool.class);

    private final Session session;
    private final SmtpPoolConfig config;
    private final Clock clock;
    private final Semaphore permits;
    private final Deque<PooledConnection> idle = new ArrayDeque<>();
    private final ScheduledExecutorService sweeper;
    private final AtomicLong opened = new AtomicLong();
    private volatile boolean closed;

    SmtpConnectionPool(
            Session session,
            SmtpPoolConfig config,
            Clock clock,
            @Value("${shop.notification.concurrency}") int concurrency) {
        this.session = session;
        this.config = config;
        this.clock = clock;
        this.permits = new Semaphore(config.size() > 0 ? config.size() : Math.max(1, concurrency), true);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "smtp-pool-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, config.idleTimeout().toMillis() / 2);
        sweeper.scheduleWithFixedDelay(this::closeExpired, every, every, TimeUnit.MILLISECONDS);
    }

    /** Waits for one of the pool's places; hand it back with {@link #release}. */
    PooledConnection take() throws InterruptedException {
        permits.acquire();
        PooledConnection connection;
        while ((connection = pollIdle()) != null) {
            if (!expired(connection, clock.instant())) {
                return connection;
            }
            quit(connection);
        }
        return null; // the caller opens a fresh one in this place
    }

    /** A new connection, in the place the caller took. */
    PooledConnection open() throws MessagingException {
        Transport transport = session.getTransport("smtp");
        NoDelaySocketFactory.takeCreated();
        transport.connect();
        opened.incrementAndGet();
        return new PooledConnection(transport, NoDelaySocketFactory.takeCreated(), clock.instant());
    }

    /**
     * Whether the server closed this connection or said something unasked (an SMTP server speaks only when spoken
     * to, so that is a 421 before it closes): a look at the socket, no round trip. It waits at most a millisecond
     * when nothing is there, which is the healthy case. False also when the socket is unknown.
     */
    static boolean closedByPeer(PooledConnection connection) {
        Socket socket = connection.socket;
        if (socket == null) {
            return false;
        }
        try {
            int timeout = socket.getSoTimeout();
            socket.setSoTimeout(1);
            try {
                socket.getInputStream().read();
                return true; // end of stream, or bytes nobody asked for
            } catch (SocketTimeoutException nothingThere) {
                return false;
            } finally {
                socket.setSoTimeout(timeout);
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** Gives the place back, with its connection if it may carry more mails (null: none, or a broken one). */
    void release(PooledConnection connection) {
        try {
            if (connection != null) {
                if (closed || connection.mails >= config.maxMailsPerConnection()) {
                    quit(connection);
                } else {
                    connection.lastUsed = clock.instant();
                    synchronized (idle) {
                        idle.push(connection);
                    }
                }
            }
        } finally {
            permits.release();
        }
    }

    /** Closes a connection that cannot be trusted any more, without a polite QUIT that might hang. */
    static void discard(PooledConnection connection) {
        if (connection != null) {
            quit(connection);
        }
    }

    /** How many connections this pool opened so far (for tests and the benchmark). */
    long connectionsOpened() {
        return opened.get();
    }

    @Override
    @PreDestroy
    public void close() {
        closed = true;
        sweeper.shutdownNow();
        PooledConnection connection;
        int quit = 0;
        while ((connection = pollIdle()) != null) {
            quit(connection);
            quit++;
        }
        LOG.info("SMTP pool closed: {} idle connection(s) said QUIT, {} opened in all", quit, opened.get());
    }

    private void closeExpired() {
        Instant now = clock.instant();
        // only connections nobody uses: take each place like a sender would, without waiting
        while (permits.tryAcquire()) {
            PooledConnection oldest;
            synchronized (idle) {
                oldest = idle.peekLast();
                if (oldest == null || !expired(oldest, now)) {
                    permits.release();
                    return;
                }
                idle.pollLast();
            }
            quit(oldest);
            permits.release();
        }
    }

    private boolean expired(PooledConnection connection, Instant now) {
        return Duration.between(connection.lastUsed, now).compareTo(config.idleTimeout()) > 0
                || connection.mails >= config.maxMailsPerConnection();
    }

    private PooledConnection pollIdle() {
        synchronized (idle) {
            return idle.poll();
        }
    }

    private static void quit(PooledConnection connection) {
        try {
            connection.transport.close(); // QUIT, then the socket closes
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("SMTP connection did not close cleanly: {}", e.getMessage());
        }
    }

    /** One open SMTP connection and how much it has carried. */
    static final class PooledConnection {
        final Transport transport;
        /** the transport's socket as our factory made it (null if unknown): looked at, never read by us otherwise */
        final Socket socket;

        final Instant openedAt;
        Instant lastUsed;
        int mails;
        /** the last mail on it failed with the server's answer: its transaction must be reset before the next */
        boolean dirty;

        PooledConnection(Transport transport, Socket socket, Instant openedAt) {
            this.transport = transport;
            this.socket = socket;
            this.openedAt = openedAt;
            this.lastUsed = openedAt;
        }
    }
}
