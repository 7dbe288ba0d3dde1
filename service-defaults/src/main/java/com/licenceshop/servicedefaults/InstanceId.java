package com.licenceshop.servicedefaults;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Which process answered: {@code <pid>@<host>}, the JVM's own convention (RuntimeMXBean's name). The host is
 * {@code HOSTNAME} (a container's id, a pod's name) or else the machine's host name; the pid keeps processes
 * apart that share one host, as the four services and the e2e replicas do under {@code ./shop up} and in the
 * tests. The pid rather than the HTTP port: it is known before the server binds (a random port in tests is not),
 * and it is what {@code ps} and {@code kill} take. Shown by {@code GET /instance} (internal, never routed) and as
 * the name of the service's RabbitMQ connection. Every response's {@code X-Instance-Id} carries the {@code tag}
 * instead: it tells replicas apart as well, without giving pids, pod names or container ids to the public.
 *
 * @param service   {@code micronaut.application.name}
 * @param instance  {@code <pid>@<host>}
 * @param tag       random, made at start: what {@code X-Instance-Id} shows ({@code GET /instance} maps it back)
 * @param startedAt when this process created its context
 */
@Serdeable
public record InstanceId(String service, String instance, String tag, Instant startedAt) {

    /** What RabbitMQ shows as the connection's name: the service and its instance. */
    public String connectionName() {
        return service + " " + instance;
    }

    static InstanceId of(String service, Instant startedAt) {
        return new InstanceId(
                service,
                instance(
                        System.getenv("HOSTNAME"),
                        InstanceId::localHostName,
                        ProcessHandle.current().pid()),
                newTag(),
                startedAt);
    }

    /** {@code pid@host}; the host only in printable ASCII, as it goes into a header and a log line. */
    static String instance(@Nullable String hostnameVariable, Supplier<String> localHostName, long pid) {
        String host = hostnameVariable == null || hostnameVariable.isBlank() ? localHostName.get() : hostnameVariable;
        String printable = host.strip().replaceAll("[^\\x21-\\x7E]", "?");
        return pid + "@" + (printable.isEmpty() ? "localhost" : printable);
    }

    /** 12 hex digits from a random UUID: no pid, no host, nothing to guess the next one from. */
    static String newTag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
