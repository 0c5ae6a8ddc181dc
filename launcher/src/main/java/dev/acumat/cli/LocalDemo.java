package dev.acumat.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The servers {@code acumat demo} started, found under the data directory: LocalInflux keeps
 * its ports in influx/local-influx.properties, LocalKafka in kafka/local-kafka.properties. For
 * the commands that read the demo's data without being told where it is.
 */
final class LocalDemo {
    private LocalDemo() {
    }

    /** The demo InfluxDB's URL; an IllegalArgumentException saying what to do when there is none. */
    static String influxUrl() {
        return "http://127.0.0.1:" + port("influx", "local-influx.properties", "http.port", "--influx URL");
    }

    /** The demo broker's bootstrap; an IllegalArgumentException saying what to do when there is none. */
    static String kafkaBootstrap() {
        return "127.0.0.1:" + port("kafka", "local-kafka.properties", "port", "--kafka HOST:PORT");
    }

    private static int port(String server, String file, String key, String option) {
        Path dir = Paths.dataDir().resolve(server);
        Properties ports = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            ports.load(in);
            int port = Integer.parseInt(ports.getProperty(key, "").trim());
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (IOException | IllegalArgumentException e) {
            // said below: there is no usable local server
        }
        String name = server.equals("kafka") ? "Kafka broker" : "InfluxDB";
        throw new IllegalArgumentException("no " + option.substring(0, option.indexOf(' ')) + " given and no local demo "
                + name + " found under " + dir + "; run ./acumat demo or pass " + option);
    }
}
