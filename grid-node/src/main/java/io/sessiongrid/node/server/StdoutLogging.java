package io.sessiongrid.node.server;

import java.io.PrintStream;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends every log record of the node (its own and Hazelcast's, which logs through java.util.logging) to standard
 * output, one line each, flushed at once, as container platforms and systemd expect.
 */
final class StdoutLogging {
    private StdoutLogging() {
    }

    static void install(Level level) {
        System.setProperty("hazelcast.logging.type", "jdk");
        LogManager manager = LogManager.getLogManager();
        if (manager instanceof NodeLogManager node) {
            node.resetNow();
        } else {
            manager.reset();
        }
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        root.addHandler(new LineHandler(System.out, level));
    }

    private static final class LineHandler extends Handler {
        private final PrintStream out;

        LineHandler(PrintStream out, Level level) {
            this.out = out;
            setLevel(level);
            setFormatter(new Formatter() {
                @Override
                public String format(LogRecord r) {
                    String thrown = r.getThrown() == null ? "" : " | " + r.getThrown();
                    return Instant.ofEpochMilli(r.getMillis()) + " " + r.getLevel().getName() + " "
                            + r.getLoggerName() + ": " + formatMessage(r) + thrown + System.lineSeparator();
                }
            });
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                out.print(getFormatter().format(record));
                out.flush();
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
