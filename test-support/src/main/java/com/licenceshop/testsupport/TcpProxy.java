package com.licenceshop.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between a service and a real server, so a test can cut the network (an outage as the
 * client sees it: connections drop and new ones are reset at once) and restore it, without stopping a server
 * that other runs or the local stack share.
 *
 * <p>{@link #blackHole()} is the other kind of cut, a silent partition: no RST, no FIN, nothing arrives any
 * more in either direction, open connections stay open and new ones are accepted and then ignored. A client
 * notices only through its own timeouts, and the server only through its own (its TCP peer, the proxy, is
 * alive).
 *
 * <p>The listening socket stays bound through a cut. Closing it would free a port from the ephemeral range,
 * and the kernel may then hand that port to any outgoing connection as its local port, so the proxy could
 * not listen on it again.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;
    private volatile boolean forwarding = true;
    private volatile boolean blackHoled;

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
            throw new IllegalStateException("cannot open a listening socket for a proxy to " + targetHost + ":"
                    + targetPort, e);
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
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed by close(), or the target refused: the client sees its connection drop
                closeQuietly(client);
            }
        }
    }

    private static void reset(Socket client) {
        try {
            client.setSoLinger(true, 0); // RST instead of FIN: the client fails at once, as on a refused connect
        } catch (IOException ignored) {
            // the client is gone already
        }
        closeQuietly(client);
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (blackHoled) {
                        continue; // dropped
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            }
            if (blackHoled) {
                return; // an end of stream or a reset is not passed on either; restore() or close() closes both sides
            }
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
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
