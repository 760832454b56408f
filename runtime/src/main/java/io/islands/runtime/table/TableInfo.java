package io.islands.runtime.table;

import io.islands.runtime.Pid;
import java.util.Optional;

/**
 * What {@link Table#info()} returns: ETS's {@code info/1}, one consistent reading of each field
 * (size and memory may lag concurrent writes).
 *
 * @param name the table's name, if it was created named
 * @param type its type
 * @param access its access level
 * @param owner the owning process now
 * @param heir the heir now, if one is set
 * @param size the number of objects (not keys: a bag counts each value)
 * @param memory an estimate of the bytes the table's structure uses, not counting the keys
 *     and values themselves (which are shared with the caller anyway)
 */
public record TableInfo(
        Optional<String> name, TableType type, Access access, Pid owner, Optional<Pid> heir, long size, long memory) {}
