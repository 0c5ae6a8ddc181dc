package dev.acumat.gateway.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the gateway's topics where they are missing and learns their partition counts.
 * The frames topic gets many partitions so many mats spread over many analytics instances;
 * the replication factor follows the cluster, up to 3.
 */
public final class TopicSetup {
    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

    private final Admin admin;
    private final Map<String, Integer> wanted;
    private final long timeoutMillis;

    /** @param wanted partitions per topic, used only when a topic has to be created */
    public TopicSetup(Admin admin, Map<String, Integer> wanted, long timeoutMillis) {
        this.admin = admin;
        this.wanted = Map.copyOf(wanted);
        this.timeoutMillis = timeoutMillis;
    }

    /** Returns the partition count of each topic, creating what is missing; throws while the cluster is out of reach. */
    public Map<String, Integer> ensure() throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
        int brokers = admin.describeCluster().nodes().get(timeoutMillis, TimeUnit.MILLISECONDS).size();
        short replication = (short) Math.max(1, Math.min(3, brokers));
        for (Map.Entry<String, Integer> t : wanted.entrySet()) {
            if (existing.contains(t.getKey())) {
                continue;
            }
            try {
                admin.createTopics(List.of(new NewTopic(t.getKey(), t.getValue(), replication)))
                        .all().get(timeoutMillis, TimeUnit.MILLISECONDS);
                log.info("created topic {} with {} partitions, replication {}", t.getKey(), t.getValue(), replication);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Map<String, TopicDescription> described = admin.describeTopics(wanted.keySet()).allTopicNames()
                .get(timeoutMillis, TimeUnit.MILLISECONDS);
        Map<String, Integer> partitions = new HashMap<>();
        described.forEach((name, d) -> partitions.put(name, d.partitions().size()));
        return partitions;
    }
}
