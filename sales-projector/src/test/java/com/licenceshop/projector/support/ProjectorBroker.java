package com.licenceshop.projector.support;

import com.licenceshop.events.Topology;
import com.licenceshop.projector.broker.ProjectorQueues;
import com.licenceshop.testsupport.TestBroker;

/** The test's broker, on the projector's queue, declared as the projector declares it. */
public final class ProjectorBroker {

    private ProjectorBroker() {}

    public static TestBroker connect(Topology topology) {
        return connect(topology, 10);
    }

    /**
     * {@code deliveryLimit}: as the projector under test declares its queue (the arguments must be equal). Declaring
     * it here too lets a test publish before any projector runs.
     */
    public static TestBroker connect(Topology topology, int deliveryLimit) {
        TestBroker broker = new TestBroker(topology, topology.salesProjectorQueue());
        try {
            broker.onChannel(channel -> ProjectorQueues.declare(channel, topology, deliveryLimit));
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }
}
