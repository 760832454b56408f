package io.islands.runtime.table;

import io.islands.runtime.Pid;

/**
 * The message a process receives when it becomes a table's owner: ETS's
 * {@code {'ETS-TRANSFER', Tab, FromPid, Data}}. Sent by {@link Table#giveAway} (with the gift
 * data) and when the owner exits and the heir inherits (with the heir data). The heir gets it
 * before any {@code Down} or {@code Exit} about the old owner.
 *
 * @param table the table, now owned by the receiver
 * @param from the previous owner
 * @param data the data given to {@link Table#giveAway} or {@link Table#setHeir}; may be null
 */
public record TableTransfer(Table<?, ?> table, Pid from, Object data) {}
