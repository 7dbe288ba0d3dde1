package com.licenceshop.command.order;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.servicedefaults.LogContext;
import com.licenceshop.servicedefaults.TraceHeaders;
import com.licenceshop.servicedefaults.TraceLogs;
import com.sun.management.ThreadMXBean;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * What naming a purchase's trace in command-api's log costs per order, with the production logback.xml writing to a
 * file (as ./shop up does): the batch line alone (before), the batch line listing the batch's trace ids (now), and an
 * INFO line per order with its ids in the MDC (the alternative). Prints CPU time and allocation per order on the
 * writer thread; asserts nothing.
 * <p>
 * {@code mvn -B -q -pl command-api test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.licenceshop.command.order.BatchLogBenchmark -Dexec.args="200000 50 5"} (orders, batch size, rounds)
 */
public final class BatchLogBenchmark {

    private BatchLogBenchmark() {}

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        PrintStream report = System.out;
        Path file = Files.createTempFile("command-api-log", ".log");
        System.setOut(new PrintStream(new BufferedOutputStream(new FileOutputStream(file.toFile())), false));
        Logger log = production().getLogger(PlacingOrders.class);

        List<OrderBatchStore.Stored> stored = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            String traceparent = String.format(
                    "00-%032x-%016x-01",
                    ThreadLocalRandom.current().nextLong(),
                    ThreadLocalRandom.current().nextLong());
            PendingOrder command = new PendingOrder(
                    UUID.randomUUID(),
                    "token",
                    null,
                    null,
                    "f",
                    "c-" + i,
                    new TraceHeaders.Stored(traceparent, null),
                    null);
            stored.add(new OrderBatchStore.Stored(
                    command,
                    null,
                    null,
                    new OrderPlaced(
                            UUID.randomUUID(),
                            i,
                            Instant.now(),
                            command.orderId(),
                            "ada@example.com",
                            "EUR",
                            List.of(),
                            0)));
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        report.printf("%,d orders in batches of %d, %d rounds; log file %s%n", orders, batch, rounds, file);
        for (int round = 1; round <= rounds; round++) {
            for (String variant : List.of("batch line (before)", "batch line + trace ids", "INFO line per order")) {
                long cpu = threads.getCurrentThreadCpuTime();
                long bytes =
                        threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int done = 0; done < orders; done += batch) {
                    switch (variant) {
                        case "batch line (before)" ->
                            log.info("stored {} orders in one transaction ({} commands)", batch, batch);
                        case "batch line + trace ids" ->
                            log.info(
                                    "stored {} orders in one transaction ({} commands), traces {}",
                                    batch,
                                    batch,
                                    PlacingOrders.traceIds(stored));
                        default -> perOrder(log, stored);
                    }
                }
                long cpuPerOrder = (threads.getCurrentThreadCpuTime() - cpu) / orders;
                long bytesPerOrder =
                        (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - bytes) / orders;
                report.printf(
                        Locale.ROOT,
                        "round %d  %-24s %,6d ns CPU/order  %,6d B allocated/order%n",
                        round,
                        variant,
                        cpuPerOrder,
                        bytesPerOrder);
            }
        }
        System.out.flush();
        report.printf("log file: %,d bytes%n", Files.size(file));
        Files.delete(file);
    }

    private static void perOrder(Logger log, List<OrderBatchStore.Stored> stored) {
        for (OrderBatchStore.Stored s : stored) {
            try (var ignored = LogContext.with("orderId", s.command().orderId())
                    .and("correlationId", s.command().correlationId())
                    .and(TraceLogs.TRACE_ID, s.command().trace().traceId())
                    .and(TraceLogs.SPAN_ID, s.command().trace().spanId())) {
                log.info("order placed: {} lines, {} {} cents, sequence {}", 1, 50_000, "EUR", 42);
            }
        }
    }

    private static LoggerContext production() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(BatchLogBenchmark.class.getResource("/logback.xml"));
        return context;
    }
}
