package com.licenceshop.provider.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class CardsTest {

    private static final YearMonth NOW = YearMonth.of(2026, 12);

    @Test
    void stripesTestCard4242PaysAnd0002IsDeclined() {
        assertThat(Cards.decline("4242 4242 4242 4242")).isNull();
        assertThat(Cards.decline("4000 0000 0000 0002").declineCode()).isEqualTo("generic_decline");
        assertThat(Cards.decline("4000000000009995").declineCode()).isEqualTo("insufficient_funds");
    }

    @Test
    void aWellFormedNonTestCardIsDeclinedLikeStripesTestMode() {
        assertThat(Cards.decline("4111111111111111").declineCode()).isEqualTo("test_mode_live_card");
    }

    @Test
    void theFormRefusesBadNumbersPastExpiriesAndShortCvcs() {
        assertThat(Cards.formError("4242 4242 4242 4241", "12/34", "123", NOW).field())
                .isEqualTo("card_number");
        assertThat(Cards.formError("4242424242424242", "11/26", "123", NOW).field())
                .isEqualTo("card_expiry");
        assertThat(Cards.formError("4242424242424242", "13/30", "123", NOW).field())
                .isEqualTo("card_expiry");
        assertThat(Cards.formError("4242424242424242", "12/26", "12", NOW).field())
                .isEqualTo("card_cvc");
        assertThat(Cards.formError("4242424242424242", "12 / 2026", "1234", NOW))
                .isNull();
    }
}
