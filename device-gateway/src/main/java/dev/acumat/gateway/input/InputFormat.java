package dev.acumat.gateway.input;

import java.util.Locale;

/** What a mat's port carries: {@code --input binary|csv|auto}. */
public enum InputFormat {
    /** The acumat protocol (firmware-protocol/PROTOCOL.md). */
    BINARY,
    /** One line of separated numbers per frame, as most DIY mat firmware prints. */
    CSV,
    /** Either: the first lines of each connection decide. */
    AUTO;

    /**
     * Reads the option's value.
     *
     * @throws IllegalArgumentException naming the option
     */
    public static InputFormat parse(String text) {
        if (text != null) {
            for (InputFormat f : values()) {
                if (f.name().equalsIgnoreCase(text.strip())) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("--input must be binary, csv or auto, got '" + text + "'");
    }

    /** The option's spelling. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }
}
