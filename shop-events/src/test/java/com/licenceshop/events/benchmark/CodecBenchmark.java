package com.licenceshop.events.benchmark;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ShopEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Decoding cost of an OrderPlaced, the codec against a plain {@code readValue} of the same mapper, alternating in
 * one JVM so both see the same machine. Prints figures, asserts nothing:
 * {@code mvn -B -q -pl shop-events test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=com.licenceshop.events.benchmark.CodecBenchmark -Dexec.args="200000 5"}
 */
public final class CodecBenchmark {

    private CodecBenchmark() {}

    public static void main(String[] args) throws IOException {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ObjectMapper mapper = ObjectMapper.getDefault();
        EventCodec codec = new EventCodec(mapper);
        byte[] json = codec.encode(new OrderPlaced(
                UUID.randomUUID(),
                42,
                Instant.parse("2026-11-23T10:15:30Z"),
                UUID.randomUUID(),
                "ada@example.com",
                "EUR",
                List.of(new OrderLine("PROFESSIONAL", "Professional", 2, 150_000, 300_000)),
                300_000));
        Argument<ShopEvent> type = Argument.of(ShopEvent.class);
        for (int round = 1; round <= rounds; round++) {
            long plain = time(events, () -> mapper.readValue(json, type));
            long specialised = time(events, () -> codec.decode(json));
            System.out.printf(
                    "round %d: plain readValue %.2f µs/event, EventCodec %.2f µs/event%n",
                    round, plain / 1000.0 / events, specialised / 1000.0 / events);
        }
    }

    private interface Decode {
        Object run() throws IOException;
    }

    private static long time(int events, Decode decode) throws IOException {
        long checksum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            checksum += decode.run().hashCode() & 1;
        }
        long elapsed = System.nanoTime() - start;
        if (checksum < 0) {
            System.out.println(checksum);
        }
        return elapsed;
    }
}
