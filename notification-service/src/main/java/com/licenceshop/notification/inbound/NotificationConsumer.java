package com.licenceshop.notification.inbound;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.SchemaVersions;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.notification.broker.DeliveryHeaders;
import com.licenceshop.notification.mail.MailIntent;
import com.licenceshop.notification.mail.MailIntents;
import com.licenceshop.servicedefaults.AmqpHeaders;
import com.licenceshop.servicedefaults.ConfirmedPublisher;
import com.licenceshop.servicedefaults.DeadLetterQueue;
import com.licenceshop.servicedefaults.EventBatches;
import com.licenceshop.servicedefaults.LogContext;
import com.licenceshop.servicedefaults.TraceHeaders;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AMQP.BasicProperties;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.micronaut.context.annotation.Value;
import io.micronaut.rabbitmq.connect.ChannelPool;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the notification queue and sends its mails in parallel. {@code consumers} channels receive (prefetch
 * sized so every sender finds a full batch waiting); {@code concurrency} senders each take up to
 * {@code batch-size} waiting messages, let {@link MailDelivery} send them over one pooled SMTP connection with one
 * ledger transaction for the batch, then move each message where its outcome says (a delay queue, the
 * dead-letter queue) and acknowledge it. A message is acknowledged only after the ledger committed its outcome
 * and its next home confirmed it; nothing sleeps and nothing is requeued on a failed send.
 *
 * <p>A message may carry several events (transport version 2, {@link EventBatches}): it is split on arrival and
 * each event goes its own way as its own message would (mailed, parked alone, retried alone, each moved as a
 * message of its own); {@link MessageAck} acknowledges the message once all its events are settled. The prefetch
 * counts messages, so under load the senders find up to {@link EventBatches#MAX_EVENTS} times as many events.
 *
 * <p>Shutdown: stop receiving, let the senders finish the batch in hand (sent, recorded, acknowledged), then
 * close the channels, which returns every message still waiting unacknowledged to the queue.
 */
@io.micronaut.context.annotation.Context
class NotificationConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationConsumer.class);

    private final EventCodec codec;
    private final MailDelivery delivery;
    private final ConfirmedPublisher publisher;
    private final DeadLetterQueue deadLetters;
    private final Topology topology;
    private final MailMetrics metrics;
    private final ChannelPool channels;
    private final Tracer tracer;
    private final int consumers;
    private final int concurrency;
    private final int batchSize;
    private final Duration shutdownWait;
    private final String shopUrl;
    private final BlockingQueue<Received> waiting = new LinkedBlockingQueue<>();
    private final List<Channel> consuming = new ArrayList<>();
    private final Map<Channel, String> consumerTags = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Thread> senders = new ArrayList<>();
    private volatile boolean running = true;

    NotificationConsumer(
            EventCodec codec,
            MailDelivery delivery,
            ConfirmedPublisher publisher,
            DeadLetterQueue deadLetters,
            Topology topology,
            MailMetrics metrics,
            ChannelPool channels,
            Tracer tracer,
            NotificationConfig config,
            @Value("${shop.smtp.timeout}") Duration smtpTimeout) {
        this.shopUrl = config.shopUrl();
        this.codec = codec;
        this.delivery = delivery;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.topology = topology;
        this.metrics = metrics;
        this.channels = channels;
        this.tracer = tracer;
        this.consumers = Math.max(1, config.consumers());
        this.concurrency = Math.max(1, config.concurrency());
        this.batchSize = Math.max(1, config.batchSize());
        // a batch in hand may need every SMTP step's timeout once, then the ledger
        this.shutdownWait = smtpTimeout.multipliedBy(2).plusSeconds(5);
    }

    /**
     * Unacknowledged messages per consumer channel: two full batches of events for every sender, spread over the
     * consumers, in messages of {@link EventBatches#MAX_EVENTS} events (what the relay packs under load; KEDA's
     * target counts messages too), and at least one message per sender for the low rates, where messages are small.
     */
    int prefetch() {
        int perSender = (concurrency + consumers - 1) / consumers;
        int events = (2 * concurrency * batchSize + consumers - 1) / consumers;
        return Math.max(perSender, (events + EventBatches.MAX_EVENTS - 1) / EventBatches.MAX_EVENTS);
    }

    @PostConstruct
    void start() throws IOException {
        for (int i = 0; i < concurrency; i++) {
            Thread sender = new Thread(this::sendWhileRunning, "mail-sender-" + (i + 1));
            sender.start();
            senders.add(sender);
        }
        for (int i = 0; i < consumers; i++) {
            Channel channel = channels.getChannel();
            channel.basicQos(prefetch());
            consumerTags.put(channel, channel.basicConsume(topology.notificationQueue(), false, new Receiver(channel)));
            consuming.add(channel);
        }
        LOG.info(
                "consuming {} with {} consumer(s), prefetch {} each; {} sender(s), batches of up to {}",
                topology.notificationQueue(),
                consumers,
                prefetch(),
                concurrency,
                batchSize);
    }

    @PreDestroy
    void stop() {
        consumerTags.forEach((channel, tag) -> {
            try {
                channel.basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                LOG.debug("cancel: {}", e.toString());
            }
        });
        running = false;
        long deadline = System.nanoTime() + shutdownWait.toNanos();
        for (Thread sender : senders) {
            try {
                sender.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (sender.isAlive()) {
                LOG.warn(
                        "{} still busy after {}; its messages go back to the queue unacknowledged",
                        sender.getName(),
                        shutdownWait);
                sender.interrupt();
            }
        }
        int returned = waiting.size();
        for (Channel channel : consuming) {
            try {
                channel.close(); // everything it still holds unacknowledged goes back to the queue
            } catch (Exception e) {
                LOG.debug("channel close: {}", e.toString());
            }
        }
        LOG.info(
                "stopped consuming {}: {} waiting message(s) returned to the queue",
                topology.notificationQueue(),
                returned);
    }

    /**
     * An event that needs a mail, waiting for a sender; {@code ack}: its message's, acknowledged once every event of
     * the message is settled. {@code trace}: the event's context from its headers (the relay's publish span), the
     * parent of its send.
     */
    private record Received(
            MailIntent intent,
            Delivery delivery,
            byte[] body,
            BasicProperties properties,
            MessageAck ack,
            String correlationId,
            Context trace) {}

    private final class Receiver extends DefaultConsumer {

        Receiver(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(
                String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            if (!running) {
                return; // stays unacknowledged: back to the queue when the channel closes
            }
            List<EventBatches.Event> events;
            try {
                // a message may carry several events (transport version 2): each is handled as its own message would be
                events = EventBatches.unpack(properties, body);
            } catch (EventBatches.MalformedBatchException e) {
                metrics.parked("UNREADABLE");
                settle(
                        new Outcome.Parked("unreadable batch: " + e.getMessage(), 0),
                        body,
                        properties,
                        new MessageAck(getChannel(), envelope.getDeliveryTag(), 1));
                return;
            }
            MessageAck ack = new MessageAck(getChannel(), envelope.getDeliveryTag(), events.size());
            for (EventBatches.Event event : events) {
                receive(event.properties(), event.body(), ack);
            }
        }

        private void receive(AMQP.BasicProperties properties, byte[] body, MessageAck ack) {
            String correlationId = AmqpHeaders.string(properties, MessageHeaders.CORRELATION_ID);
            // a retried, re-driven or replayed message carries the original headers: the same trace again
            Context trace = TraceHeaders.extract(properties.getHeaders());
            try (Scope ignored = trace.makeCurrent();
                    LogContext log =
                            LogContext.with("correlationId", correlationId).and("eventId", properties.getMessageId())) {
                Object version = properties.getHeaders() == null
                        ? null
                        : properties.getHeaders().get(MessageHeaders.SCHEMA_VERSION);
                Optional<String> unsupported = SchemaVersions.unsupported(properties.getType(), version);
                if (unsupported.isPresent()) {
                    metrics.parked("UNSUPPORTED_VERSION");
                    settle(new Outcome.Parked(unsupported.get(), 0), body, properties, ack);
                    return;
                }
                ShopEvent event;
                try {
                    event = codec.decode(body);
                } catch (EventCodec.MalformedEventException e) {
                    metrics.parked("UNREADABLE");
                    settle(new Outcome.Parked("malformed event: " + e.getMessage(), 0), body, properties, ack);
                    return;
                }
                Optional<MailIntent> intent = MailIntents.of(event, shopUrl);
                if (intent.isEmpty()) {
                    log.and("eventId", event.eventId());
                    settle(new Outcome.Done(event.eventType().typeName() + " needs no mail"), body, properties, ack);
                    return;
                }
                waiting.add(new Received(
                        intent.get(), Delivery.of(properties), body, properties, ack, correlationId, trace));
            }
        }
    }

    private void sendWhileRunning() {
        List<Received> batch = new ArrayList<>(batchSize);
        while (running) {
            try {
                Received first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, batchSize - 1);
                send(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("sender failed: {}", e.toString(), e);
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<Received> batch) {
        // one span per event's mail, a child of the event's context, open until its message is settled
        List<Span> spans = batch.stream().map(this::sendSpan).toList();
        try {
            send(batch, spans);
        } finally {
            spans.forEach(Span::end);
        }
    }

    private Span sendSpan(Received received) {
        return tracer.spanBuilder("notification-service process")
                .setParent(received.trace())
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute(
                        "messaging.message.id", received.intent().eventId().toString())
                .setAttribute(
                        "shop.replay",
                        Boolean.TRUE.equals(
                                received.properties().getHeaders() == null
                                        ? null
                                        : received.properties().getHeaders().get(MessageHeaders.REPLAY)))
                .setAttribute("shop.redriven", received.delivery().redriven())
                .startSpan();
    }

    private void send(List<Received> batch, List<Span> spans) {
        List<MailDelivery.Job> jobs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            jobs.add(new MailDelivery.Job(
                    batch.get(i).intent(),
                    batch.get(i).delivery(),
                    Context.root().with(spans.get(i))));
        }
        List<Outcome> outcomes;
        try {
            outcomes = delivery.deliver(jobs);
        } catch (RuntimeException e) {
            LOG.error("delivery failed outside SMTP: {}", e.toString(), e);
            outcomes = jobs.stream()
                    .map(job -> delivery.afterUnexpectedFailure(job.intent(), job.delivery(), e))
                    .toList();
        }
        for (int i = 0; i < batch.size(); i++) {
            Received received = batch.get(i);
            try (Scope ignored = spans.get(i).makeCurrent();
                    LogContext log = LogContext.with("correlationId", received.correlationId())
                            .and("eventId", received.intent().eventId())
                            .and("orderId", received.intent().orderId())) {
                settle(outcomes.get(i), received.body(), received.properties(), received.ack());
            }
        }
    }

    /** Moves the event where its outcome says, then counts it settled on its message's {@code ack}. */
    private void settle(Outcome outcome, byte[] body, BasicProperties properties, MessageAck ack) {
        try {
            if (outcome instanceof Outcome.Done done) {
                LOG.info("{}", done.what());
            } else if (outcome instanceof Outcome.RetryLater retry) {
                publisher.publish(
                        "",
                        topology.notificationRetryQueue(retry.delay()),
                        AmqpHeaders.with(
                                properties,
                                Map.of(MessageHeaders.ATTEMPT, retry.failedAttempts()),
                                DeliveryHeaders.DEFERRALS),
                        body);
                LOG.warn(
                        "send attempt {} failed, retrying in {}: {}",
                        retry.failedAttempts(),
                        retry.delay(),
                        retry.error());
            } else if (outcome instanceof Outcome.Deferred deferred) {
                publisher.publish(
                        "",
                        topology.notificationRetryQueue(deferred.delay()),
                        AmqpHeaders.with(properties, Map.of(DeliveryHeaders.DEFERRALS, deferred.deferrals())),
                        body);
                LOG.info("another delivery owns this mail; looking again in {}", deferred.delay());
            } else if (outcome instanceof Outcome.Parked parked) {
                deadLetters.park(List.of(new DeadLetterQueue.Message(
                        body,
                        AmqpHeaders.with(
                                properties,
                                Map.of(MessageHeaders.ATTEMPT, parked.failedAttempts()),
                                DeliveryHeaders.REDRIVEN),
                        parked.reason())));
                LOG.error("parked in {}: {}", deadLetters.name(), parked.reason());
            }
        } catch (IOException | RuntimeException e) {
            // the broker did not take the moved copy: return the original; the delivery limit bounds the loop
            LOG.error("could not settle the event ({}); its message goes back to the queue", e.toString());
            ack.settled(false);
            return;
        }
        ack.settled(true);
    }
}
