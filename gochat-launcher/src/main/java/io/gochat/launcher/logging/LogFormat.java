package io.gochat.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import io.gochat.core.config.ConfigException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code log.format} to logback (configured as text by logback.xml): {@code json} replaces the
 * console appender's encoder with {@link JsonLineEncoder}. Does nothing when SLF4J is bound to something
 * else (a library user's own binding).
 */
public final class LogFormat {
    public static final String TEXT = "text";
    public static final String JSON = "json";

    private LogFormat() {
    }

    /** Throws {@link ConfigException} for a value that is neither text nor json. */
    public static String check(String format) {
        String f = format == null ? TEXT : format.trim().toLowerCase();
        if (!f.equals(TEXT) && !f.equals(JSON)) {
            throw new ConfigException("log.format must be text or json, got '" + format + "'");
        }
        return f;
    }

    public static void apply(String format, String serverId) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        if (serverId != null && !serverId.isEmpty()) {
            context.putProperty("serverId", serverId);
        }
        if (!check(format).equals(JSON)) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> old = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            old.add(it.next());
        }
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
        json.setContext(context);
        json.setName("JSON");
        json.setTarget("System.err");
        json.setEncoder(encoder);
        json.start();
        root.addAppender(json);
        for (Appender<ILoggingEvent> a : old) {
            root.detachAppender(a);
            a.stop();
        }
    }

    /** The terminal client's screen is the user's: library log lines only when something is wrong. */
    public static void quiet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }
}
