package io.islands.runtime.table;

/**
 * The base of the errors a table raises in ETS's {@code badarg} cases that have no standard Java
 * exception: a denied access, a deleted table, a taken name. Other bad arguments use the usual
 * Java types (see {@link Table}).
 */
public class TableException extends RuntimeException {
    public TableException(String message) {
        super(message);
    }
}
