package com.licenceshop.command.support;

import static org.awaitility.Awaitility.await;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.EventType;
import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.TestBroker;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * An integration test that calls the running command API over HTTP and reads what it publishes from a queue
 * of its own, bound to every event type in the test's namespace.
 */
public abstract class ConsumingCommandApiIT extends CommandApiIT {

    // public: Micronaut injects the fields of a test's superclass from the test's own package
    @Inject
    public EmbeddedServer server;

    @Inject
    public Topology topology;

    @Inject
    public EventCodec codec;

    protected Http http;
    protected EventsQueue consumer;

    @BeforeAll
    void connectHttpAndConsumer() {
        http = new Http(server.getURI());
        consumer = EventsQueue.bindTo(topology);
    }

    /** The first event of this type on the test's queue that mentions the order. */
    protected Object awaitEvent(String orderId, EventType type) {
        await(type + " of " + orderId).atMost(Duration.ofSeconds(10)).until(() -> find(orderId, type) != null);
        return find(orderId, type);
    }

    private Object find(String orderId, EventType type) {
        return consumer.deliveries().stream()
                .filter(d -> d.routingKey().equals(type.routingKey()))
                .map(d -> codec.decode(d.body()))
                .filter(e -> e.toString().contains(orderId))
                .findFirst()
                .orElse(null);
    }

    @AfterAll
    void closeConsumer() {
        consumer.close();
        TestBroker.deleteExchanges(topology);
    }
}
