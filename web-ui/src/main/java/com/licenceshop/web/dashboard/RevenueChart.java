package com.licenceshop.web.dashboard;

import com.licenceshop.web.sales.SalesFigures;
import com.licenceshop.web.view.Money;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Revenue per minute over the last {@link #MINUTES} minutes as bars of an inline SVG (no chart library, no
 * script): minutes without sales are zero bars, so the time axis stays even.
 */
record RevenueChart(int width, int height, List<Bar> bars, String maxLabel, String firstLabel, String lastLabel) {

    static final int MINUTES = 30;
    static final int WIDTH = 600;
    static final int HEIGHT = 160;
    private static final int TOP = 14;
    private static final int BOTTOM = 146;
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    record Bar(int x, int y, int width, int height, String title) {}

    static RevenueChart of(List<SalesFigures.MinuteFigures> perMinute, String currency, Instant now) {
        Instant last = now.truncatedTo(ChronoUnit.MINUTES);
        Instant first = last.minus(MINUTES - 1, ChronoUnit.MINUTES);
        Map<Instant, Long> revenue = new HashMap<>();
        for (SalesFigures.MinuteFigures minute : perMinute) {
            revenue.merge(minute.minute().truncatedTo(ChronoUnit.MINUTES), minute.revenueCents(), Long::sum);
        }
        long max = 0;
        for (int i = 0; i < MINUTES; i++) {
            max = Math.max(max, revenue.getOrDefault(first.plus(i, ChronoUnit.MINUTES), 0L));
        }
        int slot = WIDTH / MINUTES;
        int plot = BOTTOM - TOP;
        List<Bar> bars = new ArrayList<>(MINUTES);
        for (int i = 0; i < MINUTES; i++) {
            Instant minute = first.plus(i, ChronoUnit.MINUTES);
            long cents = revenue.getOrDefault(minute, 0L);
            int barHeight = max == 0 ? 0 : (int) Math.max(cents > 0 ? 1 : 0, Math.round((double) cents / max * plot));
            bars.add(new Bar(
                    i * slot + 1,
                    BOTTOM - barHeight,
                    slot - 2,
                    barHeight,
                    HH_MM.format(minute) + " UTC: " + Money.format(cents, currency)));
        }
        return new RevenueChart(
                WIDTH, HEIGHT, List.copyOf(bars), Money.format(max, currency), HH_MM.format(first), HH_MM.format(last));
    }
}
