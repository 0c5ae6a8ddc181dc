package dev.acumat.analytics.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.influxdb.InfluxDB;
import org.junit.jupiter.api.Test;

/** What setup does without a 1.x server (InfluxSinkIT covers 1.x). */
class InfluxSetupTest {
    @Test
    void leavesA2xOr3xServerAloneAndSaysSo() throws Exception {
        for (String version : new String[] {"v2.7.11", "3.1.0"}) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            List<String> paths = new ArrayList<>();
            server.createContext("/", exchange -> {
                paths.add(exchange.getRequestURI().getPath());
                exchange.getResponseHeaders().add("X-Influxdb-Version", version);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            try (InfluxDB client = new InfluxEndpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    "acumat", null).connect()) {
                InfluxSetup.Report report = new InfluxSetup(client, "acumat").ensure();
                assertThat(report.managed()).isFalse();
                assertThat(report.serverVersion()).isEqualTo(version);
                assertThat(paths).containsOnly("/ping");
            } finally {
                server.stop(0);
            }
        }
    }

    @Test
    void quotesIdentifiersAndRefusesBadDatabaseNames() {
        assertThat(InfluxSetup.id("acumat")).isEqualTo("\"acumat\"");
        assertThat(InfluxSetup.id("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThatThrownBy(() -> new InfluxSetup(new InfluxEndpoint(URI.create("http://127.0.0.1:1"), "acumat", null)
                .connect(), "bad-name")).hasMessageContaining("influx.db");
    }
}
