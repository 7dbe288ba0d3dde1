package com.licenceshop.notification.support;

import com.icegreen.greenmail.util.GreenMail;
import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestServers;
import io.micronaut.test.support.TestPropertyProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The service in the test's JVM on real servers of the test class's own: a fresh database, a fresh broker
 * namespace and a GreenMail SMTP server on a port the class keeps (so an outage can end on the same port).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RunningService implements TestPropertyProvider {

    protected final TestServers.Database database = TestServers.freshDatabase();
    protected final String namespace = TestServers.freshNamespace();
    protected final Topology topology = new Topology(namespace);
    protected final int smtpPort = TestServers.freePort();
    protected final String opsPassword = UUID.randomUUID().toString();
    protected final TestBroker broker = new TestBroker(topology, topology.notificationQueue());
    protected final MailRows rows = new MailRows(database);
    protected GreenMail smtp = TestServers.startSmtp(smtpPort);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestServers.micronautProperties(database, namespace));
        properties.put("shop.smtp.host", "127.0.0.1");
        properties.put("shop.smtp.port", String.valueOf(smtpPort));
        properties.put("shop.smtp.timeout", "3s");
        properties.put("shop.ops.password", opsPassword);
        properties.put("shop.notification.retry.delays", retryDelays());
        return properties;
    }

    /** Short enough for a test, long enough to ride out a short outage. Milliseconds only ("300ms"). */
    protected String retryDelays() {
        return "300ms,600ms,1200ms,2400ms";
    }

    protected List<Duration> retryDelayList() {
        return Arrays.stream(retryDelays().split(","))
                .map(delay -> Duration.ofMillis(Long.parseLong(delay.replace("ms", ""))))
                .toList();
    }

    /** Ends an SMTP outage: a new server on the same port (its inbox starts empty). */
    protected void restartSmtp() {
        smtp = TestServers.startSmtp(smtpPort);
    }

    /** Deletes the namespace's queues and exchanges when the JVM exits, after every application context closed. */
    protected void deleteAtExit(Topology topology) {
        List<String> queues = new ArrayList<>(
                List.of(topology.notificationQueue(), topology.deadLetterQueue(topology.notificationQueue())));
        retryDelayList().forEach(delay -> queues.add(topology.notificationRetryQueue(delay)));
        TestBroker.deleteAtExit(topology, queues);
    }

    @AfterAll
    void stopServers() {
        deleteAtExit(topology);
        broker.close();
        if (smtp != null) {
            smtp.stop();
        }
    }
}
