package io.islands.storage;

import java.util.List;

/**
 * One step of a store's schema: applied once, in order, in the transaction that opens the
 * store, and recorded in its schema-version table.
 *
 * @param version 1, 2, ... without gaps
 * @param description what the step does, recorded with it
 * @param statements the DDL/DML to run
 */
record Migration(int version, String description, List<String> statements) {
    Migration {
        statements = List.copyOf(statements);
    }
}
