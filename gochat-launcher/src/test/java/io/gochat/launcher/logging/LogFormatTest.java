package io.gochat.launcher.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gochat.core.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class LogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode encode(LoggingEvent event, LoggerContext context) throws Exception {
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line: " + line);
        return JSON.readTree(line);
    }

    @Test
    void aJsonLineCarriesModuleServerIdUserIdAndMsgIdAsFields() throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("serverId", "logic-1");
        Logger logger = context.getLogger("io.gochat.logic.history.MessageWriter");
        LoggingEvent event = new LoggingEvent("x", logger, Level.WARN, "refused message {} of \"{}\"", null,
                new Object[] {42L, "bob"});
        event.addKeyValuePair(new KeyValuePair("msgId", 42L));
        event.addKeyValuePair(new KeyValuePair("userId", 7));
        event.setMDCPropertyMap(Map.of("conn", "c9"));
        JsonNode n = encode(event, context);
        assertEquals("WARN", n.get("level").asText());
        assertEquals("logic", n.get("module").asText());
        assertEquals("logic-1", n.get("serverId").asText());
        assertEquals("refused message 42 of \"bob\"", n.get("msg").asText());
        assertTrue(n.get("msgId").isNumber());
        assertEquals(42, n.get("msgId").asLong());
        assertEquals(7, n.get("userId").asLong());
        assertEquals("c9", n.get("conn").asText());
        assertTrue(n.get("ts").asText().endsWith("Z"));
        assertFalse(n.has("error"));
    }

    @Test
    void aLibraryLoggerHasNoModuleAndAnErrorKeepsItsStackTraceInOneLine() throws Exception {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("org.apache.dubbo.Foo");
        LoggingEvent event = new LoggingEvent("x", logger, Level.ERROR, "boom", new IllegalStateException("bad\nstate"), null);
        event.setMDCPropertyMap(Map.of());
        JsonNode n = encode(event, context);
        assertNull(n.get("module"));
        assertNull(n.get("serverId"));
        assertTrue(n.get("error").asText().contains("IllegalStateException: bad"), n.toString());
    }

    @Test
    void aLogFormatOtherThanTextOrJsonIsRefused() {
        assertEquals("json", LogFormat.check(" JSON "));
        assertEquals("text", LogFormat.check("text"));
        ConfigException e = assertThrows(ConfigException.class, () -> LogFormat.check("xml"));
        assertTrue(e.getMessage().contains("text or json"));
    }

    @Test
    void moduleNamesComeFromGochatPackages() {
        assertEquals("connect", JsonLineEncoder.moduleOf("io.gochat.connect.session.SessionHandler"));
        assertEquals("client", JsonLineEncoder.moduleOf("io.gochat.client.GochatClient"));
        assertNull(JsonLineEncoder.moduleOf("io.gochat"));
        assertNull(JsonLineEncoder.moduleOf("io.netty.Foo"));
    }
}
