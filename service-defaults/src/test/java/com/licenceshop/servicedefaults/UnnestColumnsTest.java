package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.testsupport.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnnestColumnsTest {

    record Row(Long id, Integer seats, String sku, UUID order, Boolean paid, Instant at) {}

    @Test
    void everyColumnTypeRoundTripsThroughUnnestIncludingNulls() throws SQLException {
        TestServers.Database database = TestServers.freshDatabase();
        List<Row> rows = List.of(
                new Row(1L, 3, "PRO-1Y", UUID.randomUUID(), true, Instant.parse("2030-03-29T01:30:00.123456Z")),
                new Row(2L, null, "it's \"quoted\", {braced}", null, false, null),
                new Row(null, 0, null, UUID.randomUUID(), null, Instant.parse("1999-12-31T23:59:59Z")));
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                PreparedStatement select = connection.prepareStatement("""
                        SELECT * FROM unnest(?::bigint[], ?::integer[], ?::text[], ?::uuid[], ?::boolean[],
                                             ?::timestamptz[])""")) {
            connection.createStatement().execute("SET TIME ZONE 'America/New_York'");
            UnnestColumns.of(connection, rows)
                    .bigint(Row::id)
                    .integer(Row::seats)
                    .text(Row::sku)
                    .uuid(Row::order)
                    .bool(Row::paid)
                    .timestamptz(Row::at)
                    .bindTo(select);

            List<Row> read = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    read.add(new Row(
                            result.getObject(1, Long.class),
                            result.getObject(2, Integer.class),
                            result.getString(3),
                            result.getObject(4, UUID.class),
                            result.getObject(5, Boolean.class),
                            result.getTimestamp(6) == null
                                    ? null
                                    : result.getTimestamp(6).toInstant()));
                }
            }
            assertThat(read).containsExactlyElementsOf(rows);
        }
    }

    @Test
    void columnsAfterOtherParametersBindFromTheGivenIndex() throws SQLException {
        TestServers.Database database = TestServers.freshDatabase();
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                PreparedStatement select =
                        connection.prepareStatement("SELECT ?::text || x FROM unnest(?::text[]) AS x")) {
            select.setString(1, "a-");
            int next =
                    UnnestColumns.of(connection, List.of("b", "c")).text(s -> s).bindTo(select, 2);

            assertThat(next).isEqualTo(3);
            List<String> read = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    read.add(result.getString(1));
                }
            }
            assertThat(read).containsExactly("a-b", "a-c");
        }
    }
}
