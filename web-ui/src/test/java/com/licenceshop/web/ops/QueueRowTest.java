package com.licenceshop.web.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueRowTest {

    @Test
    void consumersAreCountedPerInstanceByTheNameItsConnectionWasGiven() {
        List<QueueRow.Instance> instances = QueueRow.instances(
                List.of(
                        "10.0.0.2:5001 -> 10.0.0.9:5672",
                        "10.0.0.3:6001 -> 10.0.0.9:5672",
                        "10.0.0.2:5001 -> 10.0.0.9:5672"),
                Map.of(
                        "10.0.0.2:5001 -> 10.0.0.9:5672",
                        "sales-projector 1@pod-b",
                        "10.0.0.3:6001 -> 10.0.0.9:5672",
                        "sales-projector 1@pod-a"));

        assertThat(instances)
                .containsExactly(
                        new QueueRow.Instance("sales-projector 1@pod-a", 1),
                        new QueueRow.Instance("sales-projector 1@pod-b", 2));
    }

    @Test
    void aConnectionWithoutANameIsShownByItsAddress() {
        assertThat(QueueRow.instances(List.of("10.0.0.4:7001 -> 10.0.0.9:5672"), Map.of()))
                .containsExactly(new QueueRow.Instance("10.0.0.4:7001 -> 10.0.0.9:5672", 1));
    }
}
