package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.impl.LongStringHelper;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmqpHeadersTest {

    private static final AMQP.BasicProperties DELIVERED = new AMQP.BasicProperties.Builder()
            .messageId("m1")
            .type("OrderPlaced")
            .contentType("application/json")
            .correlationId("c1")
            .timestamp(new Date(1_000))
            .userId("another-service")
            .headers(Map.of("x-shop-attempt", 2, AmqpHeaders.DELIVERY_COUNT, 4L, "x-keep", "kept"))
            .build();

    @Test
    void aCopyKeepsTheMessageButNotTheBrokersCountOrUser() {
        AMQP.BasicProperties copy = AmqpHeaders.with(DELIVERED, Map.of("x-shop-attempt", 3), "x-keep");

        assertThat(copy.getMessageId()).isEqualTo("m1");
        assertThat(copy.getType()).isEqualTo("OrderPlaced");
        assertThat(copy.getCorrelationId()).isEqualTo("c1");
        assertThat(copy.getTimestamp()).isEqualTo(new Date(1_000));
        assertThat(copy.getDeliveryMode()).isEqualTo(2);
        assertThat(copy.getUserId()).isNull();
        assertThat(copy.getHeaders()).isEqualTo(Map.of("x-shop-attempt", 3));
    }

    @Test
    void headersAreReadAsTheBrokerHandsThemOver() {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(Map.of(
                        "number", LongStringHelper.asLongString(" 7 "),
                        "flag", LongStringHelper.asLongString("true"),
                        "garbage", "seven"))
                .build();

        assertThat(AmqpHeaders.integer(properties, "number")).isEqualTo(7);
        assertThat(AmqpHeaders.integer(properties, "garbage")).isZero();
        assertThat(AmqpHeaders.integer(properties, "absent")).isZero();
        assertThat(AmqpHeaders.flag(properties, "flag")).isTrue();
        assertThat(AmqpHeaders.flag(properties, "absent")).isFalse();
        assertThat(AmqpHeaders.string(properties, "number")).isEqualTo(" 7 ");
        assertThat(AmqpHeaders.string(null, "number")).isNull();
    }
}
