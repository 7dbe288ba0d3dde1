package com.licenceshop.projector.feed;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} whose every read waits at most {@code timeout} for the next bytes.
 * {@code java.net.http}'s own {@code ofInputStream()} waits forever once the headers are in (the request timeout
 * ends there), so a feed that stalls mid-body would hang its reader. The client's I/O stays on its own threads;
 * this only hands the received buffers over, one list ahead of the reader.
 */
final class TimedBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final long timeoutNanos;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
    private ByteBuffer current = ByteBuffer.allocate(0);
    private boolean ended;

    TimedBody(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        received.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        received.add(throwable);
    }

    @Override
    public void onComplete() {
        received.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        while (!current.hasRemaining()) {
            if (ended) {
                return -1;
            }
            if (buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            next();
        }
        int n = Math.min(length, current.remaining());
        current.get(target, offset, n);
        return n;
    }

    @SuppressWarnings("unchecked")
    private void next() throws IOException {
        Object item;
        try {
            item = received.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading a response", e);
        }
        if (item == null) {
            throw new SocketTimeoutException("no bytes for " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        }
        if (item == END) {
            ended = true;
        } else if (item instanceof Throwable failure) {
            ended = true;
            throw failure instanceof IOException io ? io : new IOException(failure);
        } else {
            buffers = ((List<ByteBuffer>) item).iterator();
            subscription.request(1); // one list ahead: the client receives while the reader parses
        }
    }

    /** Before the end: cancels the rest of the body, which closes the connection. */
    @Override
    public void close() {
        if (!ended && subscription != null) {
            ended = true;
            subscription.cancel();
        }
    }
}
