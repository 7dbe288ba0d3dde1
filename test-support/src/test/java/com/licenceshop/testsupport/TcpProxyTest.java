package com.licenceshop.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void startAnEchoServerBehindAProxy() throws IOException {
        echo = new ServerSocket(0);
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    Thread pump = new Thread(() -> {
                        try (socket;
                                InputStream in = socket.getInputStream();
                                OutputStream out = socket.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // client gone
                        }
                    });
                    pump.setDaemon(true);
                    pump.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void bytesPassThroughBothWays() throws IOException {
        try (Socket client = new Socket("127.0.0.1", proxy.port())) {
            assertArrayEquals(bytes("hello"), roundTrip(client, "hello"));
        }
    }

    @Test
    void aCutDropsOpenConnectionsAndFailsNewOnesUntilRestored() throws IOException {
        try (Socket open = new Socket("127.0.0.1", proxy.port())) {
            roundTrip(open, "before");
            proxy.cut();
            assertThrows(IOException.class, () -> roundTripUntilFailure(open));
        }
        try (Socket during = new Socket("127.0.0.1", proxy.port())) {
            assertThrows(IOException.class, () -> roundTripUntilFailure(during));
        }
        proxy.restore();
        try (Socket after = new Socket("127.0.0.1", proxy.port())) {
            assertArrayEquals(bytes("after"), roundTrip(after, "after"));
        }
    }

    @Test
    void aBlackHoleSilencesConnectionsWithoutClosingThemUntilRestored() throws IOException {
        try (Socket open = new Socket("127.0.0.1", proxy.port())) {
            roundTrip(open, "before");
            proxy.blackHole();
            assertThrows(SocketTimeoutException.class, () -> roundTripWithin(open, "lost", 300));
            assertThrows(SocketTimeoutException.class, () -> roundTripWithin(open, "lost again", 300));
        }
        try (Socket during = new Socket("127.0.0.1", proxy.port())) {
            assertThrows(SocketTimeoutException.class, () -> roundTripWithin(during, "nobody answers", 300));
        }
        proxy.restore();
        try (Socket after = new Socket("127.0.0.1", proxy.port())) {
            assertArrayEquals(bytes("after"), roundTrip(after, "after"));
        }
    }

    @Test
    void thePortStaysTakenThroughACutSoNothingElseGrabsIt() {
        proxy.cut();
        assertThrows(IOException.class, () -> {
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.bind(new InetSocketAddress("127.0.0.1", proxy.port()));
            }
        });
    }

    @Test
    void freePortsComeFromBelowTheEphemeralRange() throws IOException {
        String range = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0);
        int ephemeralStart = Integer.parseInt(range.trim().split("\\s+")[0]);
        for (int i = 0; i < 20; i++) {
            int port = TestServers.freePort();
            assertTrue(port < ephemeralStart, port + " is in the ephemeral range from " + ephemeralStart);
        }
    }

    private static byte[] roundTrip(Socket socket, String text) throws IOException {
        return roundTripWithin(socket, text, 5_000);
    }

    private static byte[] roundTripWithin(Socket socket, String text, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        socket.getOutputStream().write(bytes(text));
        socket.getOutputStream().flush();
        return socket.getInputStream().readNBytes(text.length());
    }

    /** A dropped connection shows as an error or an end of stream, possibly only on the second write. */
    private static void roundTripUntilFailure(Socket socket) throws IOException {
        for (int i = 0; i < 50; i++) {
            byte[] answer = roundTrip(socket, "x");
            if (answer.length == 0) {
                throw new IOException("end of stream");
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
