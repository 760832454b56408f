package io.islands.storage;

import io.islands.runtime.checkpoint.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Turns PostgreSQL's SQLSTATEs (and the pool's timeouts) into {@link StoreException}s an operator can act on. */
final class PostgresErrors {
    private PostgresErrors() {}

    static StoreException map(PostgresOptions options, String what, SQLException e) {
        return new StoreException(options.display() + ": " + what + " failed: " + why(options, e), e);
    }

    /**
     * @return whether {@code e} says the connection or the server is gone (no connection, lost,
     *     shutting down): then no statement of the batch can be told apart from the others
     */
    static boolean isUnavailable(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return (e instanceof SQLTransientConnectionException && state.isEmpty()) || state.startsWith("08")
                || state.startsWith("57P");
    }

    /** @return the cause of {@code e} in words, with the driver's message in brackets */
    static String why(PostgresOptions options, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String why;
        if (e instanceof SQLTransientConnectionException && state.isEmpty()) {
            why = "the database is unavailable (no connection within " + options.connectTimeout().toMillis() + " ms)";
        } else if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            why = "the database is unavailable (connection refused, lost or shutting down)";
        } else if (state.equals("53100")) {
            why = "the database server is out of disk space";
        } else if (state.startsWith("53")) {
            why = "the database server is out of resources (memory or connections)";
        } else if (state.equals("25006")) {
            why = "the database is read-only (a standby, or default_transaction_read_only)";
        } else if (state.equals("42501")) {
            why = "permission denied for the store's user";
        } else if (state.equals("22P02")) {
            why = "the state is not valid JSON";
        } else if (state.startsWith("40")) {
            why = "the transaction was aborted by a conflict (try again)";
        } else {
            why = "PostgreSQL error" + (state.isEmpty() ? "" : " " + state);
        }
        return why + " [" + e.getMessage() + "]";
    }
}
