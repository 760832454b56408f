package io.islands.runtime.table;

/** A table with this name exists already; no table was created. */
public class TableNameTakenException extends TableException {
    public TableNameTakenException(String message) {
        super(message);
    }
}
