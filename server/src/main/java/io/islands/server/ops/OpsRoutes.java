package io.islands.server.ops;

import io.javalin.config.JavalinConfig;
import java.util.Map;

/** The open operations routes: {@code /health}, {@code /ready}, {@code /metrics} (no token). */
public final class OpsRoutes {
    /** Prometheus' text exposition format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private OpsRoutes() {}

    /**
     * Adds the routes to a Javalin configuration (for {@code PhoenixServer.Builder.http}).
     * <ul>
     *   <li>{@code GET /health}: 200 {@code {"status":"up"}} whenever the server answers HTTP;</li>
     *   <li>{@code GET /ready}: 200 with {@link Readiness.Report#json()} when every check passes,
     *       else 503 with the same body naming the failing checks;</li>
     *   <li>{@code GET /metrics}: 200, every metric in the Prometheus text format.</li>
     * </ul>
     */
    public static void install(JavalinConfig cfg, Metrics metrics, Readiness readiness) {
        cfg.routes.get("/health", ctx -> ctx.json(Map.of("status", "up")));
        cfg.routes.get("/ready", ctx -> {
            Readiness.Report report = readiness.check();
            ctx.status(report.ready() ? 200 : 503).json(report.json());
        });
        cfg.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
    }
}
