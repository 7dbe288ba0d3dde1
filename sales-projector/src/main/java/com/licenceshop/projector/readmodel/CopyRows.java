package com.licenceshop.projector.readmodel;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} (text format), the fastest way to load many rows: no
 * statement per row, no array parameters to parse. Numbers, booleans and UUIDs need no escaping; text does.
 */
final class CopyRows {

    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean rowStarted;

    CopyRows field(long value) {
        separate();
        text.append(value);
        return this;
    }

    CopyRows field(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    CopyRows field(UUID value) {
        separate();
        text.append(value);
        return this;
    }

    /** Text (and anything whose toString is the value), escaped for COPY; {@code null} is SQL NULL. */
    CopyRows field(Object value) {
        separate();
        if (value == null) {
            text.append("\\N");
            return this;
        }
        String s = value.toString();
        if (!needsEscaping(s)) {
            text.append(s);
            return this;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    CopyRows endRow() {
        text.append('\n');
        rowStarted = false;
        return this;
    }

    /** Runs {@code COPY table (columns) FROM STDIN} with the rows, in the connection's transaction. */
    long copyInto(Connection connection, String tableAndColumns) throws SQLException {
        try {
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + tableAndColumns + " FROM STDIN", new StringReader(text.toString()), 1 << 16);
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed", "08000", e);
        }
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }

    private static boolean needsEscaping(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
