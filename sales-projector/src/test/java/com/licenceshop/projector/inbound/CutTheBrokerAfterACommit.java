package com.licenceshop.projector.inbound;

import com.licenceshop.testsupport.TcpProxy;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cuts the projector's broker connection once, right after a batch committed and before it is acknowledged:
 * a crash at the worst moment, made deterministic.
 */
@Singleton
@Requires(property = "spec.name", value = "ProjectorCrashMidBatchIT")
class CutTheBrokerAfterACommit implements BatchObserver {

    static volatile TcpProxy proxy;
    static final CountDownLatch CUT = new CountDownLatch(1);
    private static final AtomicBoolean DONE = new AtomicBoolean();

    @Override
    public void committedNotYetAcknowledged(int deliveries) {
        if (proxy != null && DONE.compareAndSet(false, true)) {
            proxy.cut();
            CUT.countDown();
        }
    }
}
