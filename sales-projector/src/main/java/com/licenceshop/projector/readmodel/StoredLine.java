package com.licenceshop.projector.readmodel;

import com.licenceshop.projector.projection.LineFigures;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** An order line as kept in {@code orders.lines} (JSON text); {@code seats} is absent in rows written before V13. */
@Serdeable
record StoredLine(
        String sku,
        String name,
        int quantity,
        long revenueCents,
        @Nullable Integer seats) {

    private static final Argument<List<StoredLine>> LIST = Argument.listOf(StoredLine.class);

    /** JSON by hand: it runs once per order, also for a million orders in a rebuild. */
    static String text(List<LineFigures> lines) {
        StringBuilder out = new StringBuilder(64 * lines.size());
        out.append('[');
        for (int i = 0; i < lines.size(); i++) {
            LineFigures line = lines.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"sku\":");
            jsonString(out, line.sku());
            out.append(",\"name\":");
            jsonString(out, line.name());
            out.append(",\"quantity\":")
                    .append(line.quantity())
                    .append(",\"revenueCents\":")
                    .append(line.revenueCents())
                    .append(",\"seats\":")
                    .append(line.seats())
                    .append('}');
        }
        return out.append(']').toString();
    }

    private static void jsonString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    static List<LineFigures> parse(JsonMapper json, String text) {
        try {
            return json.readValue(text, LIST).stream()
                    .map(l -> new LineFigures(
                            l.sku(), l.name(), l.quantity(), l.revenueCents(), l.seats() == null ? 0 : l.seats()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
