package io.islands.storage;

/**
 * Counters of a store since it was opened, for metrics and tests.
 *
 * @param saves saves acknowledged
 * @param commits transactions committed (each one fsync in durable mode); with group commit far
 *     fewer than {@code saves} under concurrency
 */
public record StoreCounters(long saves, long commits) {}
