package io.islands.runtime.supervisor;

/**
 * What {@code countChildren} reports (OTP's {@code count_children}).
 *
 * @param specs every child spec held, running or not
 * @param active the children running now
 * @param supervisors the specs of type supervisor, running or not
 * @param workers the specs of type worker, running or not
 */
public record Counts(int specs, int active, int supervisors, int workers) {}
