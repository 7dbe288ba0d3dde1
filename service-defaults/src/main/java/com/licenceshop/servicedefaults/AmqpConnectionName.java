package com.licenceshop.servicedefaults;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.rabbitmq.connect.RabbitConnectionFactoryConfig;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * Names each RabbitMQ connection of the service after its {@link InstanceId} (the {@code connection_name} client
 * property, shown by the management API as {@code user_provided_name}), so the ops console can say which instances
 * consume a queue. Micronaut RabbitMQ opens its connections without a name and has no setting for one; its
 * {@code rabbitmq.client-properties} would replace the client's default properties (capabilities included).
 */
@Singleton
@Requires(classes = RabbitConnectionFactoryConfig.class)
final class AmqpConnectionName implements BeanCreatedEventListener<RabbitConnectionFactoryConfig> {

    static final String CLIENT_PROPERTY = "connection_name";

    private final InstanceId instance;

    AmqpConnectionName(InstanceId instance) {
        this.instance = instance;
    }

    @Override
    public RabbitConnectionFactoryConfig onCreated(BeanCreatedEvent<RabbitConnectionFactoryConfig> event) {
        RabbitConnectionFactoryConfig config = event.getBean();
        Map<String, Object> properties = new HashMap<>(config.getClientProperties());
        properties.put(CLIENT_PROPERTY, instance.connectionName());
        config.setClientProperties(properties);
        return config;
    }
}
