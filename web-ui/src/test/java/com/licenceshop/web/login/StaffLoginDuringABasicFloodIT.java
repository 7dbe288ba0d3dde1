package com.licenceshop.web.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.TestShop;
import com.licenceshop.web.support.Visitor;
import com.licenceshop.web.support.WebUiIT;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One client floods HTTP Basic logins with random names (each new name a password check, were it not for the
 * budget): staff still log in with the form, and the log grows by a few lines, not one per bogus login. Before
 * the per-address budget, the form's own queue and the counted refusals, every staff login was refused here
 * ("too many logins are being checked") and each bogus login wrote a line.
 */
@WebUiIT
class StaffLoginDuringABasicFloodIT extends AgainstTheTestShop {

    /** More than the checker's thread and queue (1 + 16), which is what refused staff logins before. */
    private static final int FLOODERS = 32;

    private final HttpClient floodHttp =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void staffLogInDuringABasicFloodAndTheLogStaysSmall() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger bogusLogins = new AtomicInteger();
        ExecutorService flooders = Executors.newFixedThreadPool(FLOODERS);
        List<Visitor.Page> logins = new ArrayList<>();
        int floodedDuringTheLogins;
        int lines;
        try {
            for (int i = 0; i < FLOODERS; i++) {
                flooders.submit(() -> BogusBasicLogins.flood(
                        floodHttp, shop.baseUri().resolve("/api/sales/summary"), flooding, bogusLogins));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> bogusLogins.get() >= FLOODERS);
            root.addAppender(logged);
            int before = bogusLogins.get();
            for (int i = 0; i < 3; i++) {
                logins.add(shop.visitor().logIn(TestShop.SALES_USER, TestShop.SALES_PASSWORD));
            }
            // a flood of some size, whatever the speed of the machine
            await().atMost(Duration.ofMinutes(2)).until(() -> bogusLogins.get() >= before + 300);
            root.detachAppender(logged);
            floodedDuringTheLogins = bogusLogins.get() - before;
            synchronized (logged) {
                lines = logged.list.size();
            }
        } finally {
            root.detachAppender(logged);
            flooding.set(false);
            flooders.shutdown();
            flooders.awaitTermination(2, TimeUnit.MINUTES);
        }

        System.out.printf(
                "basic flood: %d bogus logins answered while 3 staff logins ran; %d log lines%n",
                floodedDuringTheLogins, lines);
        assertThat(logins).extracting(Visitor.Page::location).containsOnly("/staff");
        // checked refusals within the address's budget, one line at once and a count a minute for the rest
        assertThat(lines).isLessThan(40);
    }
}
