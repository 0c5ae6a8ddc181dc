package dev.acumat.servers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configuration files a {@link LocalKafka} writes for its child on every start: the broker's
 * {@code server.properties} and the child JVM's logback configuration.
 */
final class BrokerConfig {
    /** Settings LocalKafka owns: {@link LocalKafka.Options#extraConfig()} may not change them. */
    static final Set<String> MANAGED_KEYS = Set.of(
            "process.roles", "node.id", "broker.id", "controller.quorum.voters",
            "controller.quorum.bootstrap.servers", "listeners", "advertised.listeners",
            "listener.security.protocol.map", "controller.listener.names", "inter.broker.listener.name",
            "log.dir", "log.dirs", "metadata.log.dir");

    /** The child's logback configuration; {@link ServerLog} recognises error lines by its pattern. */
    static final String LOGBACK_XML = String.join("\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<!-- Written by acumat LocalKafka for the broker child JVM: warnings and errors,",
            "     plus the broker's start and shutdown lines and the coordinators' lines. -->",
            "<configuration>",
            "  <statusListener class=\"ch.qos.logback.core.status.NopStatusListener\"/>",
            "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
            "    <encoder><pattern>%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>",
            "  </appender>",
            "  <logger name=\"kafka.server.KafkaRaftServer\" level=\"INFO\"/>",
            "  <logger name=\"org.apache.kafka.common.utils.internals.LoggingSignalHandler\" level=\"INFO\"/>",
            "  <!-- The transaction and group coordinators' own lines (a transaction aborted on timeout or",
            "       fenced, markers written, a coordinator's partitions loaded): what a transaction left",
            "       open, or an offset commit left pending, is diagnosed from. A few lines per client start. -->",
            "  <logger name=\"kafka.coordinator\" level=\"INFO\"/>",
            "  <logger name=\"org.apache.kafka.coordinator\" level=\"INFO\"/>",
            "  <root level=\"WARN\"><appender-ref ref=\"OUT\"/></root>",
            "</configuration>",
            "");

    private BrokerConfig() {
    }

    /**
     * The text of {@code server.properties}: a KRaft combined-mode node 1 on 127.0.0.1 (see the
     * {@link LocalKafka} class comment), then {@code extraConfig} in key order.
     */
    static String serverProperties(int port, int controllerPort, Path logDir, Map<String, String> extraConfig) {
        String host = LoopbackPorts.LOOPBACK.getHostAddress();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        config.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        // The analytics run exactly-once, so the transaction state topic is made at their first
        // start: 50 partitions by default, each loaded at every broker start. A single local
        // broker with a handful of transactional producers needs few.
        config.put("transaction.state.log.num.partitions", "4");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        // After a crash (kill -9) the restarted broker is refused (DUPLICATE_BROKER_REGISTRATION)
        // until its previous incarnation's session expires: 9 s by default, 4 s here. Heartbeats
        // go over loopback inside one process, so a shorter session does not risk fencing.
        config.put("broker.heartbeat.interval.ms", "1000");
        config.put("broker.session.timeout.ms", "4000");
        config.putAll(new TreeMap<>(extraConfig));

        StringBuilder text = new StringBuilder();
        text.append("# Written by acumat LocalKafka on every start; edits are overwritten.\n");
        text.append("# Single-node KRaft broker+controller, loopback only.\n");
        config.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** Writes {@code text} to a sibling temporary file and moves it over {@code file}. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
