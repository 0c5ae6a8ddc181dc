package dev.acumat.gateway.input;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where the inputs say what they found (a choice made, a line dropped, nothing decoding); injected in tests. */
interface InputLog {
    void info(String line);

    void warn(String line);

    /** The gateway's log, under the input's class. */
    static InputLog of(Class<?> type) {
        Logger log = LoggerFactory.getLogger(type);
        return new InputLog() {
            @Override
            public void info(String line) {
                log.info(line);
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }
        };
    }
}
