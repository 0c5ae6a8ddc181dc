package dev.acumat.protocol;

import java.util.Locale;

/**
 * What kind of mat it is, as its {@code mat_layout} message says (PROTOCOL.md 4.4): what part of
 * a person lying on it the mat shows. The host's analysis depends on it: a lumbar pad shows the
 * lower back alone, so it has no posture to tell.
 */
public enum MatKind {
    /** The mat does not say; the host goes by the mat's size. */
    NOT_STATED(0, "not-stated"),
    /** A bed-size mat: head to heels. */
    FULL_BODY(1, "full-body"),
    /** About as long as a trunk (the 70 cm acupressure mat): shoulders to buttocks. */
    TORSO(2, "torso"),
    /** A small pad under the lower back only (e.g. 40 x 40 cm): all of it is the lower-back region. */
    LUMBAR_PAD(3, "lumbar-pad");

    private final int code;
    private final String word;

    MatKind(int code, String word) {
        this.code = code;
        this.word = word;
    }

    /** The {@code layout} byte on the wire. */
    public int code() {
        return code;
    }

    /** The written form, as options and records use it: {@code full-body}, {@code torso}, {@code lumbar-pad}. */
    public String word() {
        return word;
    }

    /**
     * The kind of a {@code layout} byte. A reserved value (4..255, a kind a later revision may add)
     * reads as {@link #NOT_STATED}: the host then goes by the mat's size, as without the message.
     */
    public static MatKind fromCode(int code) {
        for (MatKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return NOT_STATED;
    }

    /**
     * The kind of a written form ({@code full-body}, {@code torso}, {@code lumbar-pad}); case
     * and surrounding spaces do not matter. {@code not-stated} is no choice a user makes.
     *
     * @throws IllegalArgumentException naming the words allowed
     */
    public static MatKind parse(String text) {
        String w = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (MatKind k : values()) {
            if (k != NOT_STATED && k.word.equals(w)) {
                return k;
            }
        }
        throw new IllegalArgumentException("'" + (text == null ? "" : text.strip())
                + "' is not a mat layout; one of full-body, torso, lumbar-pad");
    }

    @Override
    public String toString() {
        return word;
    }
}
