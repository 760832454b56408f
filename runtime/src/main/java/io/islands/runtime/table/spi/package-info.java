/**
 * What the runtime offers other implementations of {@link io.islands.runtime.table.Table} (the
 * storage module's disk tables), so that the rules they share exist once:
 * {@link io.islands.runtime.table.spi.TableOwnership}, owner, heir, give-away and the access
 * checks. Not for applications: use {@link io.islands.runtime.table.Tables}.
 */
package io.islands.runtime.table.spi;
