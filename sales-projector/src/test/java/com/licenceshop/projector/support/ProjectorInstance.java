package com.licenceshop.projector.support;

import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.TestServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;

/**
 * One sales projector (an application context with its HTTP server) on a test's database and namespace. Tests
 * start several of them to play several instances on one queue, or a crash and a restart.
 */
public final class ProjectorInstance implements AutoCloseable {

    private final EmbeddedServer server;

    private ProjectorInstance(EmbeddedServer server) {
        this.server = server;
    }

    public static ProjectorInstance start(TestServers.Database database, Topology topology, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(TestServers.micronautProperties(database, topology.namespace()));
        properties.putAll(extra);
        return new ProjectorInstance(ApplicationContext.run(EmbeddedServer.class, properties, "test"));
    }

    public static ProjectorInstance start(TestServers.Database database, Topology topology) {
        return start(database, topology, Map.of());
    }

    public String url() {
        return server.getURL().toString() + "/";
    }

    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
