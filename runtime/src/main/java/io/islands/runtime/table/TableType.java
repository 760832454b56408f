package io.islands.runtime.table;

/**
 * How a table holds objects per key (ETS's table types, otp-semantics §1.1).
 *
 * <table>
 *   <caption>Table types</caption>
 *   <tr><th>type</th><th>objects per key</th><th>key equality</th><th>lookup cost</th><th>traversal order</th></tr>
 *   <tr><td>{@link #SET}</td><td>one</td><td>{@code equals}/{@code hashCode}</td><td>constant</td><td>unspecified</td></tr>
 *   <tr><td>{@link #ORDERED_SET}</td><td>one</td><td>the comparator ({@code compare == 0}), or natural order</td>
 *       <td>log n</td><td>key order</td></tr>
 *   <tr><td>{@link #BAG}</td><td>many, no two equal values under one key</td><td>{@code equals}/{@code hashCode}</td>
 *       <td>constant + objects under the key</td><td>unspecified; under a key, insertion order</td></tr>
 *   <tr><td>{@link #DUPLICATE_BAG}</td><td>many, equal values kept</td><td>{@code equals}/{@code hashCode}</td>
 *       <td>constant + objects under the key</td><td>unspecified; under a key, insertion order</td></tr>
 * </table>
 */
public enum TableType {
    SET,
    ORDERED_SET,
    BAG,
    DUPLICATE_BAG;

    /** @return true for {@link #BAG} and {@link #DUPLICATE_BAG}: many objects per key */
    public boolean isBag() {
        return this == BAG || this == DUPLICATE_BAG;
    }
}
