package dev.acumat.analytics.web;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.config.RoutesConfig;

/**
 * {@code GET /metrics}: every counter of this process (the analytics', and the gateway's when
 * they share the process, as in the demo) in Prometheus' text format.
 */
final class MetricsRoutes implements WebRoutes {
    @Override
    public void register(RoutesConfig routes) {
        routes.get("/metrics", ctx -> {
            PrometheusMeterRegistry prometheus = registry();
            if (prometheus == null) {
                throw new ApiError(404, "metrics are not enabled in this process");
            }
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheus.scrape());
        });
    }

    /** The Prometheus registry that the launcher adds to the global one. */
    static PrometheusMeterRegistry registry() {
        return Metrics.globalRegistry.getRegistries().stream().filter(PrometheusMeterRegistry.class::isInstance)
                .map(PrometheusMeterRegistry.class::cast).findFirst().orElse(null);
    }
}
