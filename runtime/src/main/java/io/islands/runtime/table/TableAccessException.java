package io.islands.runtime.table;

/**
 * The calling process may not do this to the table: a read of a private table or a write of a
 * protected or private one by a process other than the owner, or an ownership change asked for
 * by a process other than the owner. Nothing was changed.
 */
public class TableAccessException extends TableException {
    public TableAccessException(String message) {
        super(message);
    }
}
