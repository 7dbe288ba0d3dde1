package com.licenceshop.notification.mail;

import com.licenceshop.events.OrderCancelled;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ShopEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which mail an event asks for, and what it says. Plain Java: no templates, no SMTP, no database. */
public final class MailIntents {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private MailIntents() {
    }

    /**
     * The mail for this event, or empty for events that need none.
     *
     * @param shopUrl the web shop's public address, for the confirmation's order link
     */
    public static Optional<MailIntent> of(ShopEvent event, String shopUrl) {
        if (event instanceof OrderPlaced placed) {
            return Optional.of(confirmation(placed, shopUrl));
        }
        if (event instanceof OrderCancelled cancelled) {
            return Optional.of(cancellation(cancelled));
        }
        return Optional.empty();
    }

    // no order id in a subject: subjects show in notifications, lock screens and mail server logs
    static MailIntent confirmation(OrderPlaced order, String shopUrl) {
        String link = order.accessToken() == null ? null : shopUrl.replaceAll("/+$", "") + "/orders/" + order.orderId()
                + "?token=" + URLEncoder.encode(order.accessToken(), StandardCharsets.UTF_8);
        String placed = date(order.occurredAt());
        var view = new MailView(order.orderId().toString(), order.customerEmail(), placed,
                lines(order.lines(), order.currency()), order.licenceCount(), counted(order.licenceCount(), "licence"), money(order.totalCents(), order.currency()),
                placed, keys(order), link);
        return new MailIntent(order.eventId(), order.orderId(), MailKind.ORDER_CONFIRMATION, order.customerEmail(),
                order.occurredAt(), "Your Licence Shop order is confirmed", view);
    }

    static MailIntent cancellation(OrderCancelled order) {
        var view = new MailView(order.orderId().toString(), order.customerEmail(), date(order.occurredAt()),
                lines(order.lines(), order.currency()), order.licenceCount(), counted(order.licenceCount(), "licence"), money(order.totalCents(), order.currency()),
                order.placedAt() == null ? null : date(order.placedAt()), List.of(), null);
        return new MailIntent(order.eventId(), order.orderId(), MailKind.CANCELLATION, order.customerEmail(),
                order.occurredAt(), "Your Licence Shop order was cancelled", view);
    }

    /** The keys as the event carries them (signed by the command API; this service never holds the signing key). */
    private static List<MailView.Key> keys(OrderPlaced order) {
        return order.licences().stream().map(key -> {
            String name = key.line() >= 1 && key.line() <= order.lines().size()
                    ? order.lines().get(key.line() - 1).name() : key.sku();
            return new MailView.Key(key.sku(), name, key.seats(), counted(key.seats(), "seat"),
                    key.key());
        }).toList();
    }

    private static List<MailView.Line> lines(List<OrderLine> lines, String currency) {
        return lines.stream()
                .map(line -> new MailView.Line(line.sku(), line.name(), line.quantity(),
                        money(line.unitPriceCents(), currency), money(line.lineTotalCents(), currency)))
                .toList();
    }

    /** 1, "licence" → "1 licence"; 3 → "3 licences". */
    static String counted(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** 150000 cents in EUR → "1,500.00 EUR". */
    static String money(long cents, String currency) {
        // by hand: String.format("%,d") builds its locale's number symbols on every call, measured as a few
        // per cent of the CPU a mail costs
        long abs = Math.abs(cents);
        String units = Long.toString(abs / 100);
        var out = new StringBuilder(units.length() + 12);
        if (cents < 0) {
            out.append('-');
        }
        for (int i = 0; i < units.length(); i++) {
            if (i > 0 && (units.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(units.charAt(i));
        }
        long fraction = abs % 100;
        return out.append('.').append(fraction < 10 ? "0" : "").append(fraction).append(' ').append(currency).toString();
    }

    static String date(Instant instant) {
        return DATE.format(instant);
    }
}
