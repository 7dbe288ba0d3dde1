package com.licenceshop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder between a service and a real server, so a test can cut the network ({@link #cut()}, or a silent
 * partition: {@link #blackHole()}) without stopping a server that other runs share. Its listening socket stays bound
 * through a cut: a freed port may be handed out as any connection's local port (README).
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;
    private volatile boolean forwarding = true;
    private volatile boolean blackHoled;
    private volatile byte[] dropAfter;
    private volatile String answeredLine;
    private volatile String answer;
    private final Map<String, AtomicLong> counted = new ConcurrentHashMap<>();

    private TcpProxy(String targetHost, int targetPort, ServerSocket server) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = server;
        this.port = server.getLocalPort();
    }

    public static TcpProxy start(String targetHost, int targetPort) {
        ServerSocket listening;
        try {
            listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot open a listening socket for a proxy to " + targetHost + ":" + targetPort, e);
        }
        var proxy = new TcpProxy(targetHost, targetPort, listening);
        Thread acceptor = new Thread(proxy::accept, "tcp-proxy-" + proxy.port);
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Drops every open connection and resets new ones until {@link #restore()}. */
    public synchronized void cut() {
        forwarding = false;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /**
     * A silent partition until {@link #restore()}: bytes in either direction are dropped, ends of stream are
     * not passed on, and new connections are accepted and never answered.
     */
    public synchronized void blackHole() {
        blackHoled = true;
    }

    /**
     * Forwards new connections again, on the same port. Connections that lived through a black hole lost bytes,
     * so they are dropped now (as a partition that heals ends with resets for what timed out meanwhile).
     */
    public synchronized void restore() {
        if (blackHoled) {
            blackHoled = false;
            sockets.forEach(TcpProxy::closeQuietly);
            sockets.clear();
        }
        forwarding = true;
    }

    /**
     * Once: when the client has sent these bytes (e.g. SMTP's end of data, {@code "\r\n.\r\n"}), forwards them,
     * then drops that connection before the server's answer reaches the client. The server got everything; the
     * client never learns whether it was taken. Later connections are forwarded as usual.
     */
    public void dropOnceAfterClientSent(byte[] bytes) {
        dropAfter = bytes.clone();
    }

    /**
     * Answers a line the client sends (e.g. {@code "RCPT TO:<x@example.com>"}) with {@code reply} itself instead of
     * forwarding it, as a server that refuses it would; everything else passes. A {@code null} line stops it.
     * Expects the client to send that line in one write, as line-by-line protocols without pipelining do.
     */
    public void answerLine(String line, String reply) {
        answer = reply;
        answeredLine = line;
    }

    /**
     * How often a client sent {@code line} (e.g. {@code "RSET"}) since the first call for that line: counting starts
     * then. Expects the line in one write, as line-by-line protocols without pipelining send it.
     */
    public long timesClientSent(String line) {
        return counted.computeIfAbsent(line + "\r\n", l -> new AtomicLong()).get();
    }

    @Override
    public synchronized void close() {
        cut();
        closeQuietly(server);
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client = null;
            try {
                client = server.accept();
                if (blackHoled) {
                    sockets.add(client); // accepted, never answered; closed by restore() or close()
                    continue;
                }
                if (!forwarding) {
                    reset(client);
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                synchronized (this) {
                    if (!forwarding) { // cut() ran while this connection was being set up
                        reset(client);
                        closeQuietly(upstream);
                        continue;
                    }
                    sockets.add(client);
                    sockets.add(upstream);
                }
                Link link = new Link(client, upstream);
                start(link::clientToServer);
                start(link::serverToClient);
            } catch (IOException e) {
                // closed by close(), or the target refused: the client sees its connection drop
                closeQuietly(client);
            }
        }
    }

    /** One proxied connection: the client's socket and ours to the target. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        // false once a drop after the client's bytes is under way: the server's answer must not get through
        private volatile boolean answersPass = true;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void clientToServer() {
            byte[] buffer = new byte[16 * 1024];
            byte[] tail = new byte[0];
            try {
                InputStream in = client.getInputStream();
                OutputStream out = upstream.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (blackHoled) {
                        continue; // dropped
                    }
                    if (!counted.isEmpty()) {
                        AtomicLong count = counted.get(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                        if (count != null) {
                            count.incrementAndGet();
                        }
                    }
                    String line = answeredLine;
                    if (line != null && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).equals(line + "\r\n")) {
                        OutputStream back = client.getOutputStream();
                        back.write((answer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        back.flush();
                        continue;
                    }
                    byte[] trigger = dropAfter;
                    byte[] seen = trigger == null ? null : concat(tail, buffer, n);
                    boolean drop = trigger != null && indexOf(seen, trigger) >= 0;
                    if (drop) {
                        answersPass = false;
                        dropAfter = null;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    if (drop) {
                        break;
                    }
                    if (trigger != null) {
                        tail = Arrays.copyOfRange(seen, Math.max(0, seen.length - trigger.length), seen.length);
                    }
                }
            } catch (IOException e) {
                // one side went away
            }
            end();
        }

        void serverToClient() {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = upstream.getInputStream();
                OutputStream out = client.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0 && answersPass) {
                    if (blackHoled) {
                        continue; // dropped
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            }
            end();
        }

        private void end() {
            if (blackHoled) {
                return; // an end of stream or a reset is not passed on either; restore() or close() closes both sides
            }
            closeQuietly(client);
            closeQuietly(upstream);
            sockets.remove(client);
            sockets.remove(upstream);
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void reset(Socket client) {
        try {
            client.setSoLinger(true, 0); // RST instead of FIN: the client fails at once, as on a refused connect
        } catch (IOException ignored) {
            // the client is gone already
        }
        closeQuietly(client);
    }

    private static byte[] concat(byte[] head, byte[] buffer, int n) {
        byte[] all = Arrays.copyOf(head, head.length + n);
        System.arraycopy(buffer, 0, all, head.length, n);
        return all;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is best effort
        }
    }
}
