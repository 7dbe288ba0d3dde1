package com.licenceshop.projector.benchmark;

import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.projector.rebuild.RebuildSalesProjection;
import com.licenceshop.projector.rebuild.RebuildStatus;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.FeedFromEventList;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesHistory;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TestServers;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints figures, asserts nothing. Seeds N events into a stand-in feed and measures the rebuild's throughput,
 * R times into fresh databases in this one JVM: the first round pays for the JIT compiling the rebuild path
 * (a rebuild right after a projector starts), later rounds show a projector that has been running (warm).
 * Then publishes M events to a queue and measures how fast one, then two, projector instances drain it.
 *
 * <pre>
 * MAVEN_OPTS=-Xmx6g mvn -B -q -pl sales-projector test-compile exec:java \
 *   -Dexec.mainClass=com.licenceshop.projector.benchmark.ProjectionBenchmark -Dexec.classpathScope=test \
 *   -Dexec.args="1000000 100000 2"
 * </pre>
 */
public final class ProjectionBenchmark {

    private static final String OPS_PASSWORD = java.util.UUID.randomUUID().toString();

    public static void main(String[] args) throws Exception {
        int rebuildEvents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int liveEvents = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int rebuildRounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.printf("seeding %,d events...%n", rebuildEvents);
        List<ShopEvent> history = history(rebuildEvents, 1);
        for (int round = 1; round <= rebuildRounds; round++) {
            rebuild(history, round == 1 ? "cold JVM" : "warm JVM");
        }
        List<ShopEvent> live = history.subList(0, Math.min(liveEvents, history.size()));
        for (int instances : new int[] {1, 2}) {
            liveRate(live, instances);
        }
        System.exit(0);
    }

    /** Orders of all licences, every tenth cancelled, a period close every 100,000 events. */
    static List<ShopEvent> history(int size, long seed) {
        var fixtures = new EventFixtures();
        var history = new SalesHistory(fixtures, seed);
        while (history.size() < size) {
            history.orders(900).cancellations(90);
            if (history.size() % 100_000 < 990) {
                history.periodClose();
            }
        }
        List<ShopEvent> events = new ArrayList<>(history.events());
        return events.subList(0, size);
    }

    private static void rebuild(List<ShopEvent> events, String jvm) throws Exception {
        var database = TestServers.freshDatabase();
        try (var feed = new FeedFromEventList("ops", OPS_PASSWORD)) {
            feed.addAll(events);
            Map<String, Object> properties = new HashMap<>(database.micronautProperties());
            properties.putAll(Map.of(
                    "shop.command-api.url",
                    feed.url(),
                    "shop.ops.username",
                    "ops",
                    "shop.ops.password",
                    OPS_PASSWORD,
                    "shop.projector.consume",
                    false,
                    "rabbitmq.enabled",
                    false));
            try (var context =
                    ApplicationContext.builder().properties(properties).start()) {
                CpuTime cpu = CpuTime.now();
                long started = System.nanoTime();
                RebuildStatus result =
                        context.getBean(RebuildSalesProjection.class).runHere(status -> {});
                double seconds = (System.nanoTime() - started) / 1e9;
                CpuTime used = CpuTime.now().minus(cpu);
                System.out.printf(
                        "rebuild (%s): %,d events in %.1f s = %,.0f events/s (%s); CPU used: projector JVM %.1f s, PostgreSQL %.1f s%n",
                        jvm,
                        result.done(),
                        seconds,
                        result.done() / seconds,
                        result.state(),
                        used.jvmSeconds(),
                        used.postgresSeconds());
                System.out.println("  model: " + new SalesViews(database).summary());
            }
        }
    }

    /** CPU seconds of this JVM and of all PostgreSQL processes: figures that mean something on a busy machine too. */
    record CpuTime(double jvmSeconds, double postgresSeconds) {
        static CpuTime now() {
            double jvm = ((com.sun.management.OperatingSystemMXBean)
                                    java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime()
                    / 1e9;
            double postgres = 0;
            try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                for (var dir : processes
                        .filter(p -> p.getFileName().toString().matches("\\d+"))
                        .toList()) {
                    try {
                        String stat = java.nio.file.Files.readString(dir.resolve("stat"));
                        if (stat.contains("(postgres)")) {
                            String[] fields =
                                    stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            postgres += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                        }
                    } catch (java.io.IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            } catch (java.io.IOException e) {
                postgres = Double.NaN;
            }
            return new CpuTime(jvm, postgres);
        }

        CpuTime minus(CpuTime earlier) {
            return new CpuTime(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds);
        }
    }

    private static void liveRate(List<ShopEvent> events, int instances) {
        var database = TestServers.freshDatabase();
        var topology = new Topology(TestServers.freshNamespace());
        var views = new SalesViews(database);
        try (var broker = ProjectorBroker.connect(topology)) {
            long publishStart = System.nanoTime();
            broker.publishAll(events);
            System.out.printf(
                    "published %,d events in %.1f s%n", events.size(), (System.nanoTime() - publishStart) / 1e9);
            List<ProjectorInstance> projectors = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < instances; i++) {
                projectors.add(ProjectorInstance.start(database, topology, Map.of("micronaut.server.port", -1)));
            }
            while (views.inboxSize() < events.size()) {
                Thread.onSpinWait();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "live, %d instance(s): %,d events in %.1f s = %,.0f events/s (including start-up)%n",
                    instances, events.size(), seconds, events.size() / seconds);
            projectors.forEach(ProjectorInstance::close);
        }
    }
}
