/**
 * Not API (the storage module does not export it): the machinery the state stores and the disk
 * tables share, so that it exists once. {@link io.islands.storage.internal.GroupCommit}, the
 * batching queue of every store thread (SQLite and PostgreSQL);
 * {@link io.islands.storage.internal.SqliteFile}, one open SQLite file with its one
 * {@link io.islands.storage.internal.SqliteWriter} (group commit) and its
 * {@link io.islands.storage.internal.SqliteReaders} (read connections).
 */
package io.islands.storage.internal;
