/**
 * Operations: Prometheus metrics ({@link io.islands.server.ops.Metrics}), liveness and readiness
 * ({@link io.islands.server.ops.Readiness}) and their HTTP routes
 * ({@link io.islands.server.ops.OpsRoutes}: {@code /health}, {@code /ready}, {@code /metrics}).
 * See docs/operations.md.
 */
package io.islands.server.ops;
