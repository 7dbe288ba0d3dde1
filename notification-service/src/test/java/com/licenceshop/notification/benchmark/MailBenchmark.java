package com.licenceshop.notification.benchmark;

import com.icegreen.greenmail.util.GreenMail;
import com.licenceshop.events.EventCodec;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.Topology;
import com.licenceshop.notification.support.OrderFixtures;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestServers;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.micronaut.context.ApplicationContext;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Prints figures, asserts nothing. Puts N {@code OrderPlaced} events on the notification queue and measures
 * mails/s until the ledger has every one SENT, with one and with two service instances (application contexts
 * in this JVM), R rounds each, against GreenMail in this JVM and, when something listens on 127.0.0.1:1025,
 * the {@code ./shop up} sink. The orders come from 100 shoppers: GreenMail looks its users up one by one, so
 * a distinct address per mail would measure GreenMail's user list, not the service. Then the drain time of a backlog of B mails waiting in the queue before the
 * instance starts.
 *
 * <pre>
 * mvn -B -q -pl notification-service test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.licenceshop.notification.benchmark.MailBenchmark -Dexec.args="20000 10000 3"
 * </pre>
 * System properties {@code -Dbench.sinks=greenmail,local} and any {@code -Dshop.*} (e.g.
 * {@code -Dshop.notification.concurrency=8}) are passed to the instances.
 */
public final class MailBenchmark {

    private static final int LOCAL_SINK_PORT = 1025;

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int backlog = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> sinks = new ArrayList<>(
                List.of(System.getProperty("bench.sinks", "greenmail,local").split(",")));
        if (!listening(LOCAL_SINK_PORT)) {
            sinks.remove("local");
        }
        for (String sink : sinks) {
            for (int instances : new int[] {1, 2}) {
                List<Double> rates = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    rates.add(run(sink, instances, mails, false));
                }
                summary(sink + ", " + instances + " instance(s), " + mails + " mails, mails/s", rates);
            }
            List<Double> drains = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                drains.add(backlog / run(sink, 1, backlog, true));
            }
            summary(sink + ", 1 instance, drain of a " + backlog + "-mail backlog, seconds", drains);
        }
        System.exit(0);
    }

    /** @return mails per second, from the first publish (or, for a backlog, the instances' start) to the last SENT */
    private static double run(String sink, int instances, int mails, boolean backlog) throws Exception {
        var database = TestServers.freshDatabase();
        var topology = new Topology(TestServers.freshNamespace());
        GreenMail greenMail = null;
        Map<String, Object> properties = new HashMap<>(TestServers.micronautProperties(database, topology.namespace()));
        properties.put("micronaut.server.port", -1);
        properties.put("shop.smtp.host", "127.0.0.1");
        if (sink.equals("greenmail")) {
            int port = TestServers.freePort();
            greenMail = TestServers.startSmtp(port);
            properties.put("shop.smtp.port", port);
        } else {
            properties.put("shop.smtp.port", LOCAL_SINK_PORT);
        }
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("shop."))
                .forEach(name -> properties.put(name, System.getProperty(name)));
        List<OrderPlaced> events = IntStream.range(0, mails)
                .mapToObj(i -> OrderFixtures.anOrderBy(
                        "bench" + i % 100 + "@example.com", OrderFixtures.professional(1 + i % 3)))
                .toList();
        List<ApplicationContext> running = new ArrayList<>();
        try {
            // the service declares its queues: start it once so the events have somewhere to wait
            ApplicationContext.run(properties, "bench").close();
            long started;
            if (backlog) {
                publish(topology, events);
                started = System.nanoTime();
                for (int i = 0; i < instances; i++) {
                    running.add(ApplicationContext.run(properties, "bench"));
                }
            } else {
                for (int i = 0; i < instances; i++) {
                    running.add(ApplicationContext.run(properties, "bench"));
                }
                started = System.nanoTime();
                publish(topology, events);
            }
            // CPU of this JVM (the instances, once started, and nothing else of weight) from the first SENT mail to
            // the last: the start-up of the contexts stays out
            int sent;
            int firstCount = -1;
            long firstCpu = 0;
            while ((sent = sent(database)) < mails) {
                if (firstCount < 0 && sent > 0) {
                    firstCount = sent;
                    firstCpu = processCpuNanos();
                }
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = mails / seconds;
            double cpuPerMail = firstCount < 0 || mails == firstCount
                    ? Double.NaN
                    : (processCpuNanos() - firstCpu) / 1e6 / (mails - firstCount);
            System.out.printf(
                    "%s, %d instance(s)%s: %,d mails in %.2f s = %,.0f mails/s, %.3f ms of this JVM's CPU per mail%n",
                    sink, instances, backlog ? ", backlog" : "", mails, seconds, rate, cpuPerMail);
            return rate;
        } finally {
            running.forEach(ApplicationContext::close);
            if (greenMail != null) {
                greenMail.stop();
            }
        }
    }

    /** As the relay publishes: persistent, with confirms, many in flight. */
    private static void publish(Topology topology, List<OrderPlaced> events) throws Exception {
        var codec = new EventCodec();
        var factory = new ConnectionFactory();
        factory.setUri(TestServers.rabbit().uri());
        try (Connection connection = factory.newConnection("mail-benchmark");
                Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            int inFlight = 0;
            for (OrderPlaced event : events) {
                channel.basicPublish(
                        topology.eventsExchange(),
                        event.eventType().routingKey(),
                        TestBroker.properties(event),
                        codec.encode(event));
                if (++inFlight == 500) {
                    channel.waitForConfirmsOrDie(30_000);
                    inFlight = 0;
                }
            }
            channel.waitForConfirmsOrDie(30_000);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int sent(TestServers.Database database) throws Exception {
        try (var db = database.connect();
                ResultSet row = db.createStatement()
                        .executeQuery("SELECT count(*) FROM notifications.mails WHERE status = 'SENT'")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static void summary(String what, List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        System.out.printf(
                "== %s: min %,.1f, median %,.1f, max %,.1f (%d runs)%n",
                what, sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
