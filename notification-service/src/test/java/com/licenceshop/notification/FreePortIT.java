package com.licenceshop.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.notification.support.RunningService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/**
 * The tests run next to {@code ./shop up}, whose notification service holds the production port 8083. A test
 * server started the way every test here starts one (the "test" environment, {@link RunningService}'s
 * properties) must take a free port: this test holds 8083 itself, so a fixed port coming back fails it with
 * "Address already in use".
 */
class FreePortIT extends RunningService {

    private static final int PRODUCTION_PORT = 8083;

    @Test
    void aTestServerStartsWhileTheProductionPortIsTaken() throws IOException {
        try (ServerSocket taken = holdIfFree(PRODUCTION_PORT);
                EmbeddedServer server =
                        ApplicationContext.run(EmbeddedServer.class, new HashMap<>(getProperties()), "test")) {
            assertThat(server.isRunning()).isTrue();
            assertThat(server.getPort()).isNotEqualTo(PRODUCTION_PORT);
        }
    }

    /** The port, held by this test; null when something else (e.g. {@code ./shop up}) holds it already. */
    private static ServerSocket holdIfFree(int port) {
        try {
            var socket = new ServerSocket();
            socket.bind(new InetSocketAddress(port));
            return socket;
        } catch (IOException takenAlready) {
            return null;
        }
    }
}
