package com.licenceshop.notification.mail;

import com.licenceshop.events.InvoiceIssued;
import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.LicencesIssued;
import com.licenceshop.events.OrderCancelled;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.OrderRefunded;
import com.licenceshop.events.PaymentReminded;
import com.licenceshop.events.ShopEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Which mail an event asks for, and what it says. Plain Java: no templates, no SMTP, no database. */
public final class MailIntents {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private MailIntents() {}

    /**
     * The mail for this event, or empty for events that need none.
     *
     * @param shopUrl the web shop's public address, for the confirmation's order link
     */
    public static Optional<MailIntent> of(ShopEvent event, String shopUrl) {
        if (event instanceof OrderPlaced placed) {
            // a payment-gated order (v3) has no keys yet: its first mail is the keys after payment (card, the
            // shopper is on the order page paying) or the invoice (InvoiceIssued); so no mail here, see README
            return placed.awaitsPayment() ? Optional.empty() : Optional.of(confirmation(placed, shopUrl));
        }
        if (event instanceof OrderCancelled cancelled) {
            return Optional.of(cancellation(cancelled));
        }
        if (event instanceof LicencesIssued issued) {
            return Optional.of(keys(issued, shopUrl));
        }
        if (event instanceof InvoiceIssued invoice) {
            return Optional.of(invoice(invoice));
        }
        if (event instanceof PaymentReminded reminded) {
            return Optional.of(reminder(reminded));
        }
        if (event instanceof OrderRefunded refunded) {
            return Optional.of(refund(refunded));
        }
        return Optional.empty();
    }

    /**
     * The confirmation of a paid order: the same mail as a keyed placement's, its keys now issued. Keys that go out
     * before payment (ADR 13: an invoice order of licences that allow it) name the invoice still to be paid instead.
     */
    static MailIntent keys(LicencesIssued issued, String shopUrl) {
        int licences = issued.lines().stream().mapToInt(OrderLine::quantity).sum();
        String at = date(issued.occurredAt());
        var view = new MailView(
                issued.orderId().toString(),
                issued.customerEmail(),
                at,
                lines(issued.lines(), issued.currency()),
                licences,
                counted(licences, "licence"),
                money(issued.totalCents(), issued.currency()),
                at,
                keys(issued.lines(), issued.licences()),
                orderLink(shopUrl, issued.orderId(), issued.accessToken()),
                issued.unpaidInvoice() == null ? null : unpaid(issued.unpaidInvoice()));
        return new MailIntent(
                issued.eventId(),
                issued.orderId(),
                MailKind.ORDER_CONFIRMATION,
                issued.customerEmail(),
                issued.occurredAt(),
                issued.unpaidInvoice() == null
                        ? "Your Licence Shop order is paid: your licence keys"
                        : "Your Licence Shop licence keys (invoice " + issued.unpaidInvoice() + " still to be paid)",
                view);
    }

    /** The payment part of keys sent before payment: only the invoice's number. */
    private static MailView.Payment unpaid(String invoiceNumber) {
        return new MailView.Payment(
                invoiceNumber, null, null, null, null, null, null, null, List.of(), false, null, null);
    }

    /** The payment part of a reminder: the invoice, when it falls due and what is still owed. */
    private static MailView.Payment owed(String invoiceNumber, String dueDate, boolean overdue, String outstanding) {
        return new MailView.Payment(
                invoiceNumber, null, dueDate, null, null, null, null, null, List.of(), overdue, outstanding, null);
    }

    /** The payment part of a refund: only the amount sent back. */
    private static MailView.Payment sentBack(String amount) {
        return new MailView.Payment(null, null, null, null, null, null, null, null, List.of(), false, null, amount);
    }

    /** The invoice itself (HTML and text): number, dates, lines, net, VAT, gross, the bank transfer asked for. */
    static MailIntent invoice(InvoiceIssued invoice) {
        int licences = invoice.lines().stream().mapToInt(OrderLine::quantity).sum();
        var payment = new MailView.Payment(
                invoice.invoiceNumber(),
                day(invoice.issueDate()),
                day(invoice.dueDate()),
                money(invoice.netCents(), invoice.currency()),
                percent(invoice.vatRateBasisPoints()),
                money(invoice.vatCents(), invoice.currency()),
                money(invoice.grossCents(), invoice.currency()),
                invoice.company(),
                addressLines(invoice.billingAddress()),
                false,
                money(invoice.grossCents(), invoice.currency()),
                null);
        var view = new MailView(
                invoice.orderId().toString(),
                invoice.customerEmail(),
                day(invoice.issueDate()),
                lines(invoice.lines(), invoice.currency()),
                licences,
                counted(licences, "licence"),
                money(invoice.netCents(), invoice.currency()),
                null,
                List.of(),
                null,
                payment);
        return new MailIntent(
                invoice.eventId(),
                invoice.orderId(),
                MailKind.INVOICE,
                invoice.customerEmail(),
                invoice.occurredAt(),
                "Your Licence Shop invoice " + invoice.invoiceNumber(),
                view);
    }

    static MailIntent reminder(PaymentReminded reminded) {
        boolean overdue = "OVERDUE".equals(reminded.kind());
        var payment = owed(
                reminded.invoiceNumber(),
                day(reminded.dueDate()),
                overdue,
                money(reminded.outstandingCents(), reminded.currency()));
        var view = new MailView(
                reminded.orderId().toString(),
                reminded.customerEmail(),
                date(reminded.occurredAt()),
                List.of(),
                0,
                "",
                money(reminded.outstandingCents(), reminded.currency()),
                null,
                List.of(),
                null,
                payment);
        String subject = (overdue ? "Overdue: Licence Shop invoice " : "Reminder: Licence Shop invoice ")
                + reminded.invoiceNumber()
                + (overdue ? " is past its due date" : " falls due soon");
        return new MailIntent(
                reminded.eventId(),
                reminded.orderId(),
                MailKind.PAYMENT_REMINDER,
                reminded.customerEmail(),
                reminded.occurredAt(),
                subject,
                view);
    }

    static MailIntent refund(OrderRefunded refunded) {
        int licences = refunded.lines().stream().mapToInt(OrderLine::quantity).sum();
        var payment = sentBack(money(refunded.amountCents(), refunded.currency()));
        var view = new MailView(
                refunded.orderId().toString(),
                refunded.customerEmail(),
                date(refunded.occurredAt()),
                lines(refunded.lines(), refunded.currency()),
                licences,
                counted(licences, "licence"),
                money(refunded.totalCents(), refunded.currency()),
                date(refunded.placedAt()),
                List.of(),
                null,
                payment);
        return new MailIntent(
                refunded.eventId(),
                refunded.orderId(),
                MailKind.REFUND,
                refunded.customerEmail(),
                refunded.occurredAt(),
                "Your Licence Shop order was refunded",
                view);
    }

    // no order id in a subject: subjects show in notifications, lock screens and mail server logs
    static MailIntent confirmation(OrderPlaced order, String shopUrl) {
        String link = orderLink(shopUrl, order.orderId(), order.accessToken());
        String placed = date(order.occurredAt());
        var view = new MailView(
                order.orderId().toString(),
                order.customerEmail(),
                placed,
                lines(order.lines(), order.currency()),
                order.licenceCount(),
                counted(order.licenceCount(), "licence"),
                money(order.totalCents(), order.currency()),
                placed,
                keys(order.lines(), order.licences()),
                link,
                null);
        return new MailIntent(
                order.eventId(),
                order.orderId(),
                MailKind.ORDER_CONFIRMATION,
                order.customerEmail(),
                order.occurredAt(),
                "Your Licence Shop order is confirmed",
                view);
    }

    static MailIntent cancellation(OrderCancelled order) {
        var view = new MailView(
                order.orderId().toString(),
                order.customerEmail(),
                date(order.occurredAt()),
                lines(order.lines(), order.currency()),
                order.licenceCount(),
                counted(order.licenceCount(), "licence"),
                money(order.totalCents(), order.currency()),
                order.placedAt() == null ? null : date(order.placedAt()),
                List.of(),
                null,
                null);
        return new MailIntent(
                order.eventId(),
                order.orderId(),
                MailKind.CANCELLATION,
                order.customerEmail(),
                order.occurredAt(),
                "Your Licence Shop order was cancelled",
                view);
    }

    private static String orderLink(String shopUrl, UUID orderId, String accessToken) {
        return accessToken == null
                ? null
                : shopUrl.replaceAll("/+$", "") + "/orders/" + orderId + "?token="
                        + URLEncoder.encode(accessToken, StandardCharsets.UTF_8);
    }

    /** The keys as the event carries them (signed by the command API; this service never holds the signing key). */
    private static List<MailView.Key> keys(List<OrderLine> lines, List<LicenceKey> licences) {
        return licences.stream()
                .map(key -> {
                    String name = key.line() >= 1 && key.line() <= lines.size()
                            ? lines.get(key.line() - 1).name()
                            : key.sku();
                    return new MailView.Key(key.sku(), name, key.seats(), counted(key.seats(), "seat"), key.key());
                })
                .toList();
    }

    private static List<MailView.Line> lines(List<OrderLine> lines, String currency) {
        return lines.stream()
                .map(line -> new MailView.Line(
                        line.sku(),
                        line.name(),
                        line.quantity(),
                        money(line.unitPriceCents(), currency),
                        money(line.lineTotalCents(), currency)))
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
        return out.append('.')
                .append(fraction < 10 ? "0" : "")
                .append(fraction)
                .append(' ')
                .append(currency)
                .toString();
    }

    static String date(Instant instant) {
        return DATE.format(instant);
    }

    /** 2026-12-21 → "21 December 2026". */
    static String day(LocalDate day) {
        return DAY.format(day);
    }

    /** 1900 basis points → "19 %", 750 → "7.5 %". */
    static String percent(int basisPoints) {
        String whole = Integer.toString(basisPoints / 100);
        int fraction = basisPoints % 100;
        return (fraction == 0
                        ? whole
                        : whole + "."
                                + (fraction % 10 == 0
                                        ? Integer.toString(fraction / 10)
                                        : String.format("%02d", fraction)))
                + " %";
    }

    /** The billing address as typed, one entry per line (the buyer may use commas or line breaks). */
    private static List<String> addressLines(String address) {
        if (address == null || address.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(address.split("\\r?\\n"))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }
}
