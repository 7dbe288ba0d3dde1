package com.licenceshop.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.events.OrderCancelled;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.SalesPeriodClosed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailIntentsTest {

    private static final String SHOP = "https://shop.example.com/";
    private final UUID eventId = UUID.fromString("0b6f1f0e-3b1a-4c55-9d2a-6f1f0e3b1a4c");
    private final UUID orderId = UUID.fromString("5d2c7a10-8e1f-4b0a-9c3d-2a7e1f0b6c5d");
    private final Instant placedAt = Instant.parse("2026-11-23T10:15:30Z");
    private final List<OrderLine> lines = List.of(
            new OrderLine("PROFESSIONAL", "Professional", 2, 150_000, 300_000),
            new OrderLine("ENTERPRISE", "Enterprise", 1, 500_000, 500_000));

    @Test
    void anOrderAsksForAConfirmationWithFormattedLinesAndTotal() {
        var order = new OrderPlaced(eventId, 42, placedAt, orderId, "ada@example.com", "EUR", lines, 800_000);

        MailIntent intent = MailIntents.of(order, SHOP).orElseThrow();

        assertThat(intent.kind()).isEqualTo(MailKind.ORDER_CONFIRMATION);
        assertThat(intent.recipient()).isEqualTo("ada@example.com");
        assertThat(intent.subject())
                .isEqualTo("Your Licence Shop order is confirmed")
                .doesNotContain(orderId.toString());
        assertThat(intent.messageId()).isEqualTo("<0b6f1f0e-3b1a-4c55-9d2a-6f1f0e3b1a4c@licence-shop>");
        assertThat(intent.view().date()).isEqualTo("23 November 2026, 10:15 UTC");
        assertThat(intent.view().licences()).isEqualTo(3);
        assertThat(intent.view().total()).isEqualTo("8,000.00 EUR");
        assertThat(intent.view().lines())
                .containsExactly(
                        new MailView.Line("PROFESSIONAL", "Professional", 2, "1,500.00 EUR", "3,000.00 EUR"),
                        new MailView.Line("ENTERPRISE", "Enterprise", 1, "5,000.00 EUR", "5,000.00 EUR"));
    }

    @Test
    void onlyAnOrderWithATokenGetsALinkToItsPage() {
        var order = new OrderPlaced(
                eventId, 42, placedAt, orderId, "ada@example.com", "EUR", lines, 800_000, List.of(), "t0k-en_");

        assertThat(MailIntents.of(order, SHOP).orElseThrow().view().orderLink())
                .isEqualTo("https://shop.example.com/orders/" + orderId + "?token=t0k-en_");
        assertThat(MailIntents.of(
                                new OrderPlaced(
                                        eventId, 42, placedAt, orderId, "ada@example.com", "EUR", lines, 800_000),
                                SHOP)
                        .orElseThrow()
                        .view()
                        .orderLink())
                .isNull();
    }

    @Test
    void aGatedPlacementAsksNoMailItsKeysAskForTheConfirmation() {
        var order = new OrderPlaced(
                eventId, 42, placedAt, orderId, "ada@example.com", "EUR", lines, 800_000, List.of(), "tok", "CARD");
        var keys = keysOf(null);

        assertThat(MailIntents.of(order, SHOP)).isEmpty();
        MailIntent intent = MailIntents.of(keys, SHOP).orElseThrow();
        assertThat(intent.kind()).isEqualTo(MailKind.ORDER_CONFIRMATION);
        assertThat(intent.view().keys()).extracting(MailView.Key::key).containsExactly("k.e.y");
        assertThat(intent.view().orderLink()).isEqualTo("https://shop.example.com/orders/" + orderId + "?token=tok");
    }

    @Test
    void earlyKeysNameTheInvoiceStillToPayNotAPaidOrder() {
        var early = keysOf("2026-000042");

        MailIntent intent = MailIntents.of(early, SHOP).orElseThrow();

        assertThat(intent.subject()).isEqualTo("Your Licence Shop licence keys (invoice 2026-000042 still to be paid)");
        assertThat(intent.view().payment().invoiceNumber()).isEqualTo("2026-000042");
        assertThat(intent.view().keys()).extracting(MailView.Key::key).containsExactly("k.e.y");
    }

    /** The keys of the order ({@code unpaidInvoice}: sent before payment, or null: paid). */
    private com.licenceshop.events.LicencesIssued keysOf(String unpaidInvoice) {
        return new com.licenceshop.events.LicencesIssued(
                UUID.randomUUID(),
                44,
                placedAt.plusSeconds(60),
                orderId,
                "ada@example.com",
                "EUR",
                lines,
                800_000,
                List.of(new com.licenceshop.events.LicenceKey(1, "PROFESSIONAL", 2, "k.e.y")),
                "tok",
                unpaidInvoice);
    }

    @Test
    void theVatRateIsWrittenAsAPercentage() {
        assertThat(MailIntents.percent(1900)).isEqualTo("19 %");
        assertThat(MailIntents.percent(750)).isEqualTo("7.5 %");
        assertThat(MailIntents.percent(1925)).isEqualTo("19.25 %");
    }

    @Test
    void aCancellationMailNamesWhenTheOrderWasPlaced() {
        var cancel = new OrderCancelled(
                eventId,
                43,
                placedAt.plusSeconds(3600),
                orderId,
                42,
                placedAt,
                "ada@example.com",
                "EUR",
                lines,
                800_000);

        MailIntent intent = MailIntents.of(cancel, SHOP).orElseThrow();

        assertThat(intent.kind()).isEqualTo(MailKind.CANCELLATION);
        assertThat(intent.subject()).isEqualTo("Your Licence Shop order was cancelled");
        assertThat(intent.view().placedDate()).isEqualTo("23 November 2026, 10:15 UTC");
        assertThat(intent.view().date()).isEqualTo("23 November 2026, 11:15 UTC");
    }

    @Test
    void closingASalesPeriodAsksForNoMail() {
        assertThat(MailIntents.of(new SalesPeriodClosed(eventId, 44, placedAt, "ops"), SHOP))
                .isEmpty();
    }

    @Test
    void catalogChangesAskForNoMail() {
        assertThat(MailIntents.of(
                        new com.licenceshop.events.ProductAdded(
                                eventId, 50, placedAt, "TEAM", "Team", null, 90_000, "EUR", null),
                        SHOP))
                .isEmpty();
        assertThat(MailIntents.of(
                        new com.licenceshop.events.ProductChanged(
                                eventId, 51, placedAt, "TEAM", "Team+", null, 95_000, "EUR", 2, null),
                        SHOP))
                .isEmpty();
        assertThat(MailIntents.of(new com.licenceshop.events.ProductRetired(eventId, 52, placedAt, "TEAM", 3), SHOP))
                .isEmpty();
    }

    @Test
    void moneyIsShownInUnitsWithThousandsSeparatorsAndCurrency() {
        assertThat(MailIntents.money(5, "EUR")).isEqualTo("0.05 EUR");
        assertThat(MailIntents.money(123_456_789, "USD")).isEqualTo("1,234,567.89 USD");
        assertThat(MailIntents.money(-150, "EUR")).isEqualTo("-1.50 EUR");
        assertThat(MailIntents.money(99_999, "EUR")).isEqualTo("999.99 EUR");
        assertThat(MailIntents.money(100_000, "EUR")).isEqualTo("1,000.00 EUR");
        assertThat(MailIntents.money(-100_000_000_00L, "EUR")).isEqualTo("-100,000,000.00 EUR");
        assertThat(MailIntents.money(0, "EUR")).isEqualTo("0.00 EUR");
    }
}
