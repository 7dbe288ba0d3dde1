package com.licenceshop.web.dashboard;

import static com.licenceshop.web.sales.SalesFigures.PaymentFigures.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.web.sales.SalesFigures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:30:40Z");

    @Test
    void averageOrderValueIsRoundedHalfUpToTheCent() {
        assertThat(Dashboard.averageOrderValue(2_000_000, 3)).isEqualTo(666_667);
        assertThat(Dashboard.averageOrderValue(100, 8)).isEqualTo(13);
        assertThat(Dashboard.averageOrderValue(0, 0)).isZero();
    }

    @Test
    void eachLicenceShowsItsShareOfTheRevenue() {
        SalesFigures figures = figures(
                List.of(
                        new SalesFigures.LicenceFigures("ENTERPRISE", "Enterprise", 1, 1, 500_000, 1, 0),
                        new SalesFigures.LicenceFigures("STARTER", "Starter", 2, 2, 100_000, 3, 1)),
                600_000);

        Dashboard dashboard = Dashboard.of(figures, NOW);

        assertThat(dashboard.perLicence())
                .extracting(Dashboard.LicenceRow::share)
                .containsExactly("83.3 %", "16.7 %");
        assertThat(dashboard.perLicence())
                .extracting(Dashboard.LicenceRow::sharePercent)
                .containsExactly(83, 17);
        assertThat(dashboard.revenue()).isEqualTo("6,000.00 EUR");
        assertThat(dashboard.perLicence())
                .extracting(Dashboard.LicenceRow::seatsIssued)
                .containsExactly(1L, 3L);
        assertThat(dashboard.perLicence())
                .extracting(Dashboard.LicenceRow::seatsRevoked)
                .containsExactly(0L, 1L);
    }

    @Test
    void theLagIsTheTimeFromRecordingToCountingTheNewestEvent() {
        SalesFigures figures = new SalesFigures(
                0, null, 1, 1, 50_000, "EUR", 9, NOW.minusMillis(2_340), NOW, List.of(), List.of(), NONE);

        Dashboard dashboard = Dashboard.of(figures, NOW);

        assertThat(dashboard.lagMillis()).isEqualTo(2_340);
        assertThat(dashboard.lag()).isEqualTo("2.3 s");
    }

    @Test
    void beforeAnySaleTheDashboardShowsZerosAndNoLag() {
        Dashboard dashboard = Dashboard.of(SalesFigures.none(), NOW);

        assertThat(dashboard.revenue()).isEqualTo("0.00 EUR");
        assertThat(dashboard.averageOrderValue()).isEqualTo("0.00 EUR");
        assertThat(dashboard.lagMillis()).isNull();
        assertThat(dashboard.perLicence()).isEmpty();
    }

    @Test
    void theChartHasOneBarPerMinuteScaledToTheBestMinute() {
        Instant thisMinute = NOW.truncatedTo(ChronoUnit.MINUTES);
        List<SalesFigures.MinuteFigures> minutes = List.of(
                new SalesFigures.MinuteFigures(thisMinute, 2, 1_000_000),
                new SalesFigures.MinuteFigures(thisMinute.minus(10, ChronoUnit.MINUTES), 1, 500_000),
                new SalesFigures.MinuteFigures(thisMinute.minus(45, ChronoUnit.MINUTES), 1, 9_000_000));

        RevenueChart chart = RevenueChart.of(minutes, "EUR", NOW);

        assertThat(chart.bars()).hasSize(RevenueChart.MINUTES);
        RevenueChart.Bar last = chart.bars().get(RevenueChart.MINUTES - 1);
        RevenueChart.Bar tenMinutesAgo = chart.bars().get(RevenueChart.MINUTES - 11);
        assertThat(last.height()).isEqualTo(2 * tenMinutesAgo.height());
        assertThat(last.title()).isEqualTo("10:30 UTC: 10,000.00 EUR");
        assertThat(chart.maxLabel()).isEqualTo("10,000.00 EUR");
        assertThat(chart.bars().get(0).height()).isZero();
        assertThat(chart.firstLabel()).isEqualTo("10:01");
    }

    private static SalesFigures figures(List<SalesFigures.LicenceFigures> licences, long revenue) {
        return new SalesFigures(0, null, 3, 3, revenue, "EUR", 5, NOW, NOW, licences, List.of(), NONE);
    }
}
