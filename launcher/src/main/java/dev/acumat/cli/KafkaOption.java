package dev.acumat.cli;

import picocli.CommandLine.Option;

/**
 * {@code --kafka BOOTSTRAP}: the Kafka cluster, for every command that has one. Whether it may be
 * left out, and what stands in for it then, is the command's (its description says).
 */
final class KafkaOption {
    @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
            description = "Kafka bootstrap servers, host:port[,host:port...].")
    String bootstrap;

    /**
     * The bootstrap given, else the local demo's broker.
     *
     * @throws IllegalArgumentException saying what to do when there is no local demo broker
     */
    String orLocalDemo() {
        return bootstrap != null ? bootstrap : LocalDemo.kafkaBootstrap();
    }
}
