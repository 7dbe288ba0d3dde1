package com.licenceshop.command.support;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.Topology;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
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

    @AfterAll
    void closeConsumer() {
        consumer.close();
        EventsQueue.deleteExchanges(topology);
    }
}
