package com.licenceshop.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One of the shop's services as a real process: its runnable jar, the environment it gets in production, and
 * its log in {@code target/service-logs/}. Start waits until {@code /health} answers 200.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts the module's runnable jar with the given environment, on a free port. */
    public static ServiceProcess start(String module, String instance, Map<String, String> environment) {
        return start(module, instance, environment, TestServers.freePort());
    }

    /**
     * On a port the caller chose beforehand: for a process whose own URL must be in its environment (the card
     * provider hands out hosted-page URLs, {@code PAYMENT_PROVIDER_PUBLIC_URL}). Take it from
     * {@link TestServers#freePort()}.
     */
    public static ServiceProcess start(String module, String instance, Map<String, String> environment, int port) {
        Path jar = runnableJar(module);
        Path logDir = Path.of("target", "service-logs");
        Path log = logDir.resolve(instance + ".log");
        try {
            Files.createDirectories(logDir);
            List<String> command = new ArrayList<>(
                    List.of(javaBinary(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
            var service = new ServiceProcess(instance, port, log, builder.start());
            service.awaitHealthy();
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + instance, e);
        }
    }

    /**
     * Runs a command of a service's jar (e.g. {@code hash-password}) to its end, with {@code input} on its
     * standard input, and returns the last line it printed.
     */
    public static String runCommand(String module, List<String> arguments, String input) {
        List<String> command = new ArrayList<>(
                List.of(javaBinary(), "-jar", runnableJar(module).toString()));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String output =
                    new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command + " exited with " + process.exitValue());
            }
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1].strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code <module>/target/<module>-<version>-runner.jar} below the directory named by the system property
     * {@code shop.services.dir} (set by the e2e-tests POM).
     */
    private static Path runnableJar(String module) {
        Path servicesDir = Path.of(System.getProperty("shop.services.dir", ".."));
        String version = System.getProperty("shop.version", "0.1.0-SNAPSHOT");
        Path jar = servicesDir.resolve(module).resolve("target").resolve(module + "-" + version + "-runner.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "no runnable jar at " + jar.toAbsolutePath() + ": build it with 'mvn -B package -DskipTests'");
        }
        return jar;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    /** The process id: what the service reports as the first part of its instance id ({@code <pid>@<host>}). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is acknowledged or committed on the way out. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: a graceful shutdown. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    /**
     * SIGTERM, as Kubernetes stops a pod, and the time until the process exited: its graceful shutdown, measured.
     * Fails (and kills it) when it takes longer than {@code limit}.
     */
    public Duration terminate(Duration limit) {
        long start = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(name + " did not exit within " + limit + " of SIGTERM:\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHealthy() {
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            Awaitility.await(name + " healthy")
                    .atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    name + " exited with " + process.exitValue() + " during startup:\n" + logTail());
                        }
                        return HTTP.send(health, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " not healthy within " + STARTUP_TIMEOUT + ":\n" + logTail(), e);
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
