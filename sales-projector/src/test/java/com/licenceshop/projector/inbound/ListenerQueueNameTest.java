package com.licenceshop.projector.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.events.Topology;
import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import io.micronaut.rabbitmq.annotation.Queue;
import io.micronaut.rabbitmq.bind.RabbitAcknowledgement;
import org.junit.jupiter.api.Test;

class ListenerQueueNameTest {

    @Test
    void theListenerConsumesTheQueueTheTopologyNames() throws Exception {
        Queue queue = ProjectorConsumer.class
                .getDeclaredMethod(
                        "receive",
                        byte[].class,
                        Envelope.class,
                        BasicProperties.class,
                        Channel.class,
                        RabbitAcknowledgement.class)
                .getAnnotation(Queue.class);

        assertThat(queue.value().replace("${shop.namespace}", "acme"))
                .isEqualTo(new Topology("acme").salesProjectorQueue());
    }
}
