package com.licenceshop.notification.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.TestServers;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A message of several events is acknowledged once, when its last event is settled, on a real broker. */
class MessageAckIT {

    private final String queue = TestServers.freshNamespace() + ".message-ack";
    private Connection connection;
    private Channel control;

    @BeforeEach
    void connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(TestServers.rabbit().uri());
        connection = factory.newConnection("notification-service-message-ack-test");
        control = connection.createChannel();
        control.queueDeclare(queue, false, false, true, null);
        control.basicPublish("", queue, null, "three events".getBytes());
    }

    @AfterEach
    void disconnect() throws Exception {
        control.queueDelete(queue);
        connection.close();
    }

    private long ready() throws Exception {
        return control.queueDeclarePassive(queue).getMessageCount();
    }

    private GetResponse take(Channel channel) throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> ready() == 1);
        GetResponse message = channel.basicGet(queue, false);
        assertThat(message).isNotNull();
        return message;
    }

    @Test
    void anUnsettledMessageIsNotAckedAndReturnsWhenItsChannelCloses() throws Exception {
        Channel channel = connection.createChannel();
        MessageAck ack = new MessageAck(channel, take(channel).getEnvelope().getDeliveryTag(), 3);

        ack.settled(true);
        ack.settled(true);
        channel.close();

        assertThat(ack.unsettled()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> ready() == 1);
    }

    @Test
    void aMessageWhoseEventsAreAllSettledIsAcknowledgedOnce() throws Exception {
        Channel channel = connection.createChannel();
        MessageAck ack = new MessageAck(channel, take(channel).getEnvelope().getDeliveryTag(), 3);

        ack.settled(true);
        ack.settled(true);
        ack.settled(true);

        assertThatThrownBy(() -> ack.settled(true)).isInstanceOf(IllegalStateException.class);
        // a second ack of the tag would have closed the channel (PRECONDITION_FAILED)
        assertThat(channel.isOpen()).isTrue();
        channel.close();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> ready() == 0);
    }

    @Test
    void aMessageWithAnUnmovableEventReturnsOnceTheOthersAreSettled() throws Exception {
        Channel channel = connection.createChannel();
        MessageAck ack = new MessageAck(channel, take(channel).getEnvelope().getDeliveryTag(), 3);

        ack.settled(true);
        ack.settled(false);
        assertThat(ready()).isZero();
        ack.settled(true);

        await().atMost(Duration.ofSeconds(5)).until(() -> ready() == 1);
        assertThat(channel.isOpen()).isTrue();
        channel.close();
    }
}
