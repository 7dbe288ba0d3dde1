package com.licenceshop.web.security;

import static com.licenceshop.web.support.TestShop.SALES_PASSWORD;
import static com.licenceshop.web.support.TestShop.SALES_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which unsafe requests the CSRF check refuses, and how little of them it reads to do so. */
@WebUiIT
class CsrfCheckIT extends AgainstTheTestShop {

    @Test
    void aJsonPostWithoutATokenIsRefusedLikeAForm() {
        Visitor alice = shop.loggedIn(SALES_USER, SALES_PASSWORD);

        Visitor.Page logout = alice.post("/logout", "application/json", "{\"x\":1}");

        assertThat(logout.status()).isEqualTo(403);
        assertThat(alice.get("/sales").status()).isEqualTo(200);
        assertThat(alice.post("/logout", "text/plain", "x=1").status()).isEqualTo(403);
    }

    @Test
    void aBodyWithoutTheCsrfCookieIsRefusedBeforeItHasArrived() throws Exception {
        try (Socket socket = new Socket("localhost", shop.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // announces 60,000 bytes and sends 9: a check that read the body first would wait for the rest
            out.write(("POST /login HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 60000\r\n\r\nusername=")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void aFormBiggerThanAnyOfOursIsRefusedUnread() {
        Visitor visitor = shop.visitor();
        Visitor.Page shopPage = visitor.get("/");

        Visitor.Page huge = visitor.submit(
                shopPage,
                "/orders",
                Map.of(
                        "sku",
                        "STARTER",
                        "quantity",
                        "1",
                        "customerEmail",
                        "a@example.com",
                        "padding",
                        "x".repeat(100_000)));

        assertThat(huge.status()).isEqualTo(413);
    }
}
