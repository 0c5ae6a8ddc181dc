package dev.acumat.analytics;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * What every Kafka consumer of the analytics starts from (the sink's, the live view's, the
 * replay's): the cluster, offsets committed by the consumer itself or never, and only the
 * records of committed transactions. Each consumer adds what is its own, and says why it reads
 * committed records only.
 */
public final class ConsumerSettings {
    private ConsumerSettings() {
    }

    /** The shared settings of a consumer of the cluster at {@code bootstrap}. */
    public static Properties readCommitted(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }
}
