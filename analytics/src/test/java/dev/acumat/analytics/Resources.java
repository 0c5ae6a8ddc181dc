package dev.acumat.analytics;

/** What tests started, stopped again. */
public final class Resources {
    private Resources() {
    }

    /**
     * Closes each resource that was started (the others are null), in the order given, all of
     * them even when one fails: the first failure is thrown after, with the later ones suppressed.
     */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
