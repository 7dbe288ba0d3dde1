package com.licenceshop.servicedefaults;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Which database failures mean "the connection is gone" (retry later), as opposed to "this statement is wrong". */
public final class DatabaseFailures {

    private DatabaseFailures() {}

    /** No connection or a broken one: SQLSTATE class 08, or the driver's own connection exceptions. */
    public static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || e instanceof SQLRecoverableException
                || state != null && state.startsWith("08");
    }

    /** A deadlock (40P01) or serialization failure (40001) between concurrent transactions: the work may be repeated. */
    public static boolean conflict(SQLException e) {
        String state = e.getSQLState();
        return "40P01".equals(state) || "40001".equals(state);
    }
}
