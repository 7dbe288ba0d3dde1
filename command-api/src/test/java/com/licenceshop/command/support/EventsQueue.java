package com.licenceshop.command.support;

import static org.awaitility.Awaitility.await;

import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.EventBatches;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestBroker.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A queue of the test's own, bound to every routing key of the namespace's events exchange, that records
 * what arrives. Stands in for a consumer: it splits a message of several events (transport version 2) as the
 * consumers do, so {@link #deliveries()} holds one entry per event; {@link #messages()} counts the messages.
 */
public final class EventsQueue implements AutoCloseable {

    private final TestBroker broker;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Delivery> messages = new CopyOnWriteArrayList<>();

    private EventsQueue(Topology topology) {
        broker = new TestBroker(topology);
        broker.listen(message -> {
            messages.add(message);
            deliveries.addAll(EventBatches.unpack(message.properties(), message.body()).stream()
                    .map(event -> new Delivery(message.routingKey(), event.properties(), event.body()))
                    .toList());
        });
    }

    public static EventsQueue bindTo(Topology topology) {
        return new EventsQueue(topology);
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The messages as the broker delivered them, a batch as one. */
    public List<Delivery> messages() {
        return List.copyOf(messages);
    }

    public List<Delivery> awaitAtLeast(int count, Duration atMost) {
        await("at least " + count + " deliveries").atMost(atMost).until(() -> deliveries.size() >= count);
        return deliveries();
    }

    /** How often each message id arrived. */
    public Map<String, Long> countsByMessageId() {
        return deliveries.stream().collect(Collectors.groupingBy(Delivery::messageId, Collectors.counting()));
    }

    public <T> List<T> map(Function<Delivery, T> f) {
        return deliveries.stream().map(f).toList();
    }

    @Override
    public void close() {
        broker.close();
    }
}
