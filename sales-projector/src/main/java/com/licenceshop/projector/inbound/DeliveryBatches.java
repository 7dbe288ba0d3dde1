package com.licenceshop.projector.inbound;

import com.rabbitmq.client.Channel;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One buffer per consumer channel, flushed when full or after {@link ProjectorConfig#linger()}. Never across channels
 * (a delivery tag means something only on its own channel), and under the buffer's lock, so an ack of a later batch
 * never covers an earlier one that has not committed. A message's events join a batch together.
 */
@Singleton
final class DeliveryBatches {

    private final Map<Channel, Buffer> buffers = new ConcurrentHashMap<>();
    private final BatchProjector projector;
    private final int batchSize;
    private final long lingerNanos;
    private final ScheduledExecutorService lingerTimer;

    DeliveryBatches(BatchProjector projector, ProjectorConfig config) {
        this.projector = projector;
        this.batchSize = config.batchSize();
        this.lingerNanos = config.linger().toNanos();
        this.lingerTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "projector-linger");
            thread.setDaemon(true);
            return thread;
        });
        long tick = Math.max(2, config.linger().toMillis() / 2);
        lingerTimer.scheduleWithFixedDelay(this::flushLingering, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** {@code message}: the events of one message, in order. */
    void add(Channel channel, List<ReceivedDelivery> message) {
        Buffer buffer = buffers.computeIfAbsent(channel, c -> new Buffer());
        buffer.lock.lock();
        try {
            if (buffer.deliveries.isEmpty()) {
                buffer.oldest = System.nanoTime();
            }
            buffer.deliveries.addAll(message);
            if (buffer.deliveries.size() >= batchSize) {
                flush(buffer);
            }
        } finally {
            buffer.lock.unlock();
        }
    }

    private void flushLingering() {
        long now = System.nanoTime();
        for (var entry : buffers.entrySet()) {
            Buffer buffer = entry.getValue();
            if (!buffer.lock.tryLock()) {
                continue; // being filled or flushed right now
            }
            try {
                if (!buffer.deliveries.isEmpty() && now - buffer.oldest >= lingerNanos) {
                    flush(buffer);
                }
                if (buffer.deliveries.isEmpty() && !entry.getKey().isOpen()) {
                    buffers.remove(entry.getKey(), buffer);
                }
            } catch (RuntimeException e) {
                // never let the timer die; the batch's deliveries were requeued or will be redelivered
                org.slf4j.LoggerFactory.getLogger(DeliveryBatches.class).error("lingering batch failed", e);
            } finally {
                buffer.lock.unlock();
            }
        }
    }

    private void flush(Buffer buffer) {
        List<ReceivedDelivery> batch = new ArrayList<>(buffer.deliveries);
        buffer.deliveries.clear();
        projector.project(batch);
    }

    @PreDestroy
    void stop() {
        // deliveries still buffered are not acknowledged: the broker requeues them when the channel closes
        lingerTimer.shutdownNow();
        buffers.clear();
    }

    private static final class Buffer {
        final ReentrantLock lock = new ReentrantLock();
        final List<ReceivedDelivery> deliveries = new ArrayList<>();
        long oldest;
    }
}
