package io.islands.runtime.table;

/** The table was deleted (or closed), by a call or because its owner exited without an heir. */
public class TableDeletedException extends TableException {
    public TableDeletedException(String message) {
        super(message);
    }
}
