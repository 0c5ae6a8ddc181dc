package dev.acumat.gateway.kafka;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;

/**
 * Renders a Kafka failure for the gateway's log lines: which broker, what happened, and what an
 * operator can do about it. A bare {@code TimeoutException: null} tells them nothing.
 */
final class KafkaErrors {
    private KafkaErrors() {
    }

    /**
     * @param e       what the producer, the admin client or the sender threw
     * @param servers the bootstrap servers the failure concerns, or null when unknown
     */
    static String describe(Throwable e, String servers) {
        Throwable t = cause(e);
        String where = servers == null ? "Kafka" : "Kafka at " + servers;
        if (t instanceof java.util.concurrent.TimeoutException
                || t instanceof org.apache.kafka.common.errors.TimeoutException) {
            // A future's own timeout has no message: the wait was the request timeout.
            String what = t.getMessage() == null
                    ? " did not answer within " + KafkaConnection.REQUEST_TIMEOUT.toSeconds() + " s"
                    : " timed out (" + name(t) + ")";
            return where + what + "; is the broker running and reachable from here?";
        }
        if (t instanceof OutOfOrderSequenceException) {
            // Seen after a topic was created under a running producer: that producer never recovers.
            return where + " lost track of the producer's sequence (" + name(t)
                    + "); a new producer resends from the spool";
        }
        if (t instanceof KafkaSender.DeliveryStalledException) {
            return where + ": " + t.getMessage();
        }
        return where + ": " + name(t);
    }

    /** The exception's type and message, for a line that names the broker already. */
    static String name(Throwable t) {
        String message = t.getMessage();
        if (message == null && t.getCause() != null) {
            message = t.getCause().toString();
        }
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** What went wrong: a future's failure is the exception it wraps. */
    static Throwable cause(Throwable e) {
        return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    }
}
