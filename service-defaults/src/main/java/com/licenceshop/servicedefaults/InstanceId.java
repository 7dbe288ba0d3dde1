package com.licenceshop.servicedefaults;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Which process answered: {@code <pid>@<host>}, the JVM's own convention; the pid rather than the port, as it is known
 * before the server binds (README). The public sees only {@code tag}, random per start, in {@code X-Instance-Id}.
 *
 * @param service   {@code micronaut.application.name}
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
