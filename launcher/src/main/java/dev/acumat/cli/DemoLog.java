package dev.acumat.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The demo's log: everything to a file under the data directory, so the terminal keeps to the
 * three address lines and the status line; the last warning or error is kept for the status.
 */
final class DemoLog {
    private static volatile Problem lastProblem;

    /** A warning or error as the status line shows it, with when it was logged. */
    record Problem(String text, long epochMillis) {
    }

    private DemoLog() {
    }

    /** Sends the whole process's log to {@code file}. */
    static void toFile(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);

        AppenderBase<ILoggingEvent> problems = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                // Ours at WARN, anyone's at ERROR: the libraries warn about their own settings at start.
                boolean ours = event.getLoggerName().startsWith("dev.acumat");
                if (event.getLevel().isGreaterOrEqual(ours ? Level.WARN : Level.ERROR)) {
                    lastProblem = new Problem(event.getLoggerName().substring(
                            event.getLoggerName().lastIndexOf('.') + 1) + ": " + event.getFormattedMessage(),
                            event.getTimeStamp());
                }
            }
        };
        problems.setContext(context);
        problems.start();
        root.addAppender(problems);
    }

    /** The last warning or error logged, or null. */
    static Problem lastProblem() {
        return lastProblem;
    }
}
