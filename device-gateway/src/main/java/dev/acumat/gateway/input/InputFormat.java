package dev.acumat.gateway.input;

import java.util.Locale;

/** What a mat's port carries: binary, csv or auto (the setting {@code mat.input}, {@code --input}). */
public enum InputFormat {
    /** The acumat protocol (firmware-protocol/PROTOCOL.md). */
    BINARY,
    /** One line of separated numbers per frame, as most DIY mat firmware prints. */
    CSV,
    /** Either: the first lines of each connection decide. */
    AUTO;

    /** The format a setting names (binary, csv or auto; any case), or null for anything else. */
    public static InputFormat of(String text) {
        if (text != null) {
            for (InputFormat f : values()) {
                if (f.name().equalsIgnoreCase(text.strip())) {
                    return f;
                }
            }
        }
        return null;
    }

    /** The setting's spelling. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }
}
