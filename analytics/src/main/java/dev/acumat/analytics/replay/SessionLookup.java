package dev.acumat.analytics.replay;

import dev.acumat.analytics.history.SessionId;
import dev.acumat.analytics.history.StoredSession;
import java.util.Optional;

/** Where a stored session is found by its id: InfluxDB's {@code session} measurement, or a test's map. */
@FunctionalInterface
public interface SessionLookup {
    /** The session, or empty when there is none of that id. */
    Optional<StoredSession> session(SessionId id);
}
