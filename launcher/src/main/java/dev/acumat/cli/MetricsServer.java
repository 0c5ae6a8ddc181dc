package dev.acumat.cli;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics} for a process without a web server (the gateway beside the mat): the
 * JDK's small HTTP server, Prometheus' text format, nothing else.
 */
final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    static MetricsServer start(HostPort where) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(where.host(), where.port()), 8);
        server.createContext("/metrics", exchange -> {
            PrometheusMeterRegistry registry = Metrics.globalRegistry.getRegistries().stream()
                    .filter(PrometheusMeterRegistry.class::isInstance).map(PrometheusMeterRegistry.class::cast)
                    .findFirst().orElse(null);
            byte[] body = (registry == null ? "" : registry.scrape()).getBytes(StandardCharsets.UTF_8);
            boolean get = "GET".equals(exchange.getRequestMethod()) && "/metrics".equals(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(get ? 200 : 404, get ? body.length : -1);
            if (get) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return new MetricsServer(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
