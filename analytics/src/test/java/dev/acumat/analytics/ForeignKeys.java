package dev.acumat.analytics;

import java.util.Random;

/**
 * Record keys for the fuzz tests of what reads acumat's topics: keys a foreign writer might
 * use (none, empty, too long, not ASCII, with a control character), a mat id no device-info
 * ever came for, and the watched mat's own id.
 */
public final class ForeignKeys {
    private ForeignKeys() {
    }

    /** One of the keys, at random; {@code mat} is the watched mat's id. */
    public static String next(Random random, String mat) {
        return switch (random.nextInt(7)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "m".repeat(65);
            case 3 -> "mät-" + random.nextInt(10);
            case 4 -> "mat t\n" + random.nextInt(10);
            case 5 -> "other-" + random.nextInt(5);  // a mat id, but no device-info ever came for it
            default -> mat;
        };
    }

    /**
     * Whether {@code key} is a mat id: PROTOCOL.md's rule written out here again, so that the
     * tests do not take the code under test's word for it.
     */
    public static boolean isMatId(String key) {
        return key != null && key.matches("[A-Za-z0-9._:-]{1,64}");
    }
}
