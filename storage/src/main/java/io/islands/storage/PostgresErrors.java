package io.islands.storage;

import io.islands.runtime.checkpoint.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Turns PostgreSQL's SQLSTATEs (and the pool's timeouts) into {@link StoreException}s an operator can act on. */
final class PostgresErrors {
    private PostgresErrors() {}

    static final String UNIQUE_VIOLATION = "23505";

    static StoreException map(PostgresOptions options, String what, SQLException e) {
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
        return new StoreException(options.display() + ": " + what + " failed: " + why + " [" + e.getMessage() + "]", e);
    }
}
