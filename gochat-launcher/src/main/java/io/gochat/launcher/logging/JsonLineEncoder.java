package io.gochat.launcher.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line: {@code ts, level, module, serverId, logger, thread, msg}, then the MDC and the
 * event's SLF4J key-value pairs ({@code userId}, {@code msgId}, ...) as top-level fields (numbers stay
 * numbers), and {@code error} with the stack trace when there is one. {@code module} is the MDC's, or the
 * gochat module the logger belongs to ({@code io.gochat.connect...} → {@code connect}); {@code serverId}
 * is the logger context's property (the process's {@code server.id}), when set.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] NOTHING = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("ts", Instant.ofEpochMilli(e.getTimeStamp()).toString());
            g.writeStringField("level", e.getLevel().toString());
            Map<String, String> mdc = e.getMDCPropertyMap();
            String module = mdc != null && mdc.containsKey("module") ? mdc.get("module") : moduleOf(e.getLoggerName());
            if (module != null) {
                g.writeStringField("module", module);
            }
            String serverId = getContext() == null ? null : getContext().getProperty("serverId");
            if (serverId != null && !serverId.isEmpty()) {
                g.writeStringField("serverId", serverId);
            }
            g.writeStringField("logger", e.getLoggerName());
            g.writeStringField("thread", e.getThreadName());
            g.writeStringField("msg", e.getFormattedMessage());
            if (mdc != null) {
                for (Map.Entry<String, String> m : mdc.entrySet()) {
                    if (!m.getKey().equals("module")) {
                        g.writeStringField(m.getKey(), m.getValue());
                    }
                }
            }
            if (e.getKeyValuePairs() != null) {
                for (KeyValuePair kv : e.getKeyValuePairs()) {
                    g.writeFieldName(kv.key);
                    if (kv.value instanceof Number n && !(kv.value instanceof Double || kv.value instanceof Float)) {
                        g.writeNumber(n.longValue());
                    } else {
                        g.writeString(String.valueOf(kv.value));
                    }
                }
            }
            IThrowableProxy error = e.getThrowableProxy();
            if (error != null) {
                g.writeStringField("error", ThrowableProxyUtil.asString(error));
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** {@code io.gochat.logic.user.AccountService} → {@code logic}; other libraries' loggers → null. */
    static String moduleOf(String logger) {
        if (logger == null || !logger.startsWith("io.gochat.")) {
            return null;
        }
        int end = logger.indexOf('.', "io.gochat.".length());
        return end < 0 ? null : logger.substring("io.gochat.".length(), end);
    }
}
