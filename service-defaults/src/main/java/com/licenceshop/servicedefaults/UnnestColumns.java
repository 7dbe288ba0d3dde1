package com.licenceshop.servicedefaults;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The parameters of a set-based write, {@code INSERT … SELECT … FROM unnest(?::bigint[], ?::text[], …)}: one array
 * per column, bound in the order the columns are added, so the SQL and the binding read side by side.
 *
 * <pre>{@code
 * UnnestColumns.of(connection, rows).bigint(Row::id).text(Row::sku).bindTo(statement);
 * }</pre>
 */
public final class UnnestColumns<R> {

    private final Connection connection;
    private final List<R> rows;
    private final List<Array> arrays = new ArrayList<>();

    private UnnestColumns(Connection connection, Collection<R> rows) {
        this.connection = connection;
        this.rows = List.copyOf(rows);
    }

    public static <R> UnnestColumns<R> of(Connection connection, Collection<R> rows) {
        return new UnnestColumns<>(connection, rows);
    }

    public UnnestColumns<R> bigint(Function<? super R, Long> column) throws SQLException {
        return add("bigint", column, Long[]::new);
    }

    public UnnestColumns<R> integer(Function<? super R, Integer> column) throws SQLException {
        return add("integer", column, Integer[]::new);
    }

    public UnnestColumns<R> text(Function<? super R, String> column) throws SQLException {
        return add("text", column, String[]::new);
    }

    public UnnestColumns<R> uuid(Function<? super R, UUID> column) throws SQLException {
        return add("uuid", column, UUID[]::new);
    }

    public UnnestColumns<R> bool(Function<? super R, Boolean> column) throws SQLException {
        return add("boolean", column, Boolean[]::new);
    }

    public UnnestColumns<R> timestamptz(Function<? super R, Instant> column) throws SQLException {
        // with its offset, so the session's time zone cannot shift it
        return add(
                "timestamptz",
                row -> {
                    Instant at = column.apply(row);
                    return at == null ? null : at.atOffset(ZoneOffset.UTC);
                },
                OffsetDateTime[]::new);
    }

    /** Binds the columns to parameters {@code 1…n}. */
    public void bindTo(PreparedStatement statement) throws SQLException {
        bindTo(statement, 1);
    }

    /** Binds the columns to parameters from {@code first} on, and returns the next free parameter index. */
    public int bindTo(PreparedStatement statement, int first) throws SQLException {
        int index = first;
        for (Array array : arrays) {
            statement.setArray(index++, array);
        }
        return index;
    }

    // typed arrays, so pgjdbc encodes each element by its type rather than by toString
    private <T> UnnestColumns<R> add(String type, Function<? super R, ? extends T> column, IntFunction<T[]> array)
            throws SQLException {
        T[] values = array.apply(rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        arrays.add(connection.createArrayOf(type, values));
        return this;
    }
}
