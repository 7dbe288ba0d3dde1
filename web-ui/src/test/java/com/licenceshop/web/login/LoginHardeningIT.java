package com.licenceshop.web.login;

import static com.licenceshop.web.support.TestShop.SALES_PASSWORD;
import static com.licenceshop.web.support.TestShop.SALES_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.LogLines;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What a login may cost and leave behind: where its hash runs, what it logs, what it keeps. */
@WebUiIT
class LoginHardeningIT extends AgainstTheTestShop {

    /** Short enough to pass the length limit: it is the line break that must not get through. */
    private static final String FORGED = "2026-12-01T09:00:00.000Z INFO S - ok";

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @Inject
    LoginThrottle throttle;

    @BeforeEach
    void captureTheLoginLog() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(StaffAuthentication.class)).addAppender(logged);
        ((Logger) LoggerFactory.getLogger(RefusalLog.class)).addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(StaffAuthentication.class)).detachAppender(logged);
        ((Logger) LoggerFactory.getLogger(RefusalLog.class)).detachAppender(logged);
    }

    @Test
    void passwordsAreCheckedOnTheBoundedPoolNotOnAnEventLoop() {
        shop.visitor().logIn(SALES_USER, "not-" + SALES_PASSWORD);
        shop.visitor().withBasicAuth(SALES_USER, "not-" + SALES_PASSWORD).getJson("/api/sales/summary");

        List<ILoggingEvent> checks = await().until(() -> refusalsOf(SALES_USER), events -> events.size() == 2);
        assertThat(checks)
                .extracting(ILoggingEvent::getThreadName)
                .allMatch(name -> name.startsWith(PasswordChecks.THREAD_PREFIX));
    }

    @Test
    void aLineBreakInTheUserNameCannotForgeALogLine() throws MalformedURLException {
        LogLines production =
                LogLines.of(Path.of("src/main/resources/logback.xml").toUri().toURL());

        Visitor.Page login = shop.visitor().logIn("mallory\r\n" + FORGED, "guess");

        assertThat(login.location()).isEqualTo("/login/auth?error=true");
        List<ILoggingEvent> refusals = await().until(() -> refusalsOf("mallory"), events -> !events.isEmpty());
        for (ILoggingEvent refusal : refusals) {
            assertThat(production.format(refusal)).hasSize(1);
            assertThat(production.eventStarts(refusal)).isEqualTo(1);
        }
    }

    @Test
    void aFiftyThousandCharacterUserNameIsRefusedCleanlyAndNotKept() throws MalformedURLException {
        LogLines production =
                LogLines.of(Path.of("src/main/resources/logback.xml").toUri().toURL());
        int trackedBefore = throttle.tracked();
        // as long as a form may be (max-request-size 64 KB); a header this long Netty may refuse itself
        String huge = "a".repeat(50_000);

        Visitor.Page form = shop.visitor().logIn(huge, "guess");
        Visitor.Page basic = shop.visitor().withBasicAuth(huge, "guess").getJson("/api/sales/summary");

        assertThat(form.status()).isEqualTo(303);
        assertThat(form.location()).isEqualTo("/login/auth?error=true");
        assertThat(basic.status()).isIn(401, 413, 431); // Netty may refuse a header that long before we see it
        assertThat(throttle.tracked()).isEqualTo(trackedBefore);
        List<ILoggingEvent> events;
        synchronized (logged) {
            events = List.copyOf(logged.list);
        }
        assertThat(events)
                .isNotEmpty()
                .allSatisfy(event ->
                        assertThat(String.join("\n", production.format(event))).hasSizeLessThan(300));
    }

    private List<ILoggingEvent> refusalsOf(String name) {
        synchronized (logged) { // AppenderBase appends under this lock
            return logged.list.stream()
                    .filter(event -> event.getFormattedMessage().startsWith("staff login refused for '" + name))
                    .toList();
        }
    }
}
