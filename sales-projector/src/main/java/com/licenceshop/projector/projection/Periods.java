package com.licenceshop.projector.projection;

import java.util.Collection;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The sales periods known so far, each named by the sequence it starts after (0 for the first). An order
 * belongs to the period with the greatest start below its placement sequence, so its period depends only on
 * sequences, never on the order in which events arrive.
 */
public final class Periods {

    public static final long FIRST = 0L;

    private final NavigableSet<Long> starts;
    private final long current;

    public Periods(Collection<Long> starts) {
        this.starts = new TreeSet<>(starts);
        this.starts.add(FIRST);
        this.current = this.starts.last();
    }

    public long periodOf(long placedSequence) {
        if (placedSequence > current) {
            return current; // nearly every order
        }
        Long start = starts.lower(placedSequence);
        return start == null ? FIRST : start;
    }

    /** The start of the period after the one starting at {@code start}, if there is one. */
    public OptionalLong nextStartAfter(long start) {
        Long next = starts.higher(start);
        return next == null ? OptionalLong.empty() : OptionalLong.of(next);
    }

    public boolean contains(long start) {
        return starts.contains(start);
    }

    public Periods with(long start) {
        var more = new TreeSet<>(starts);
        more.add(start);
        return new Periods(more);
    }

    public long current() {
        return current;
    }
}
