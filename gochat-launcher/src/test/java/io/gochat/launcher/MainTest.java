package io.gochat.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Main.Prepared prepare(Map<String, String> env, String... args) {
        return Main.prepare(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryModuleAndEveryKeyWithItsDefault() {
        assertEquals(0, prepare(Map.of(), "--help").exitCode());
        String help = out.toString(StandardCharsets.UTF_8);
        for (String module : new String[] {"api", "logic", "task", "connect_ws", "connect_tcp", "site"}) {
            assertTrue(help.contains("  " + module + " "), "help names module " + module);
        }
        for (ConfigKey key : ConfigKeys.ALL) {
            assertTrue(help.contains("--" + key.name()), "help names key " + key.name());
            assertTrue(help.contains(key.envName()), "help names env " + key.envName());
        }
        assertTrue(help.contains("7070"), "defaults are shown");
    }

    @Test
    void theTerminalClientTakesOnlyItsOwnFlagsAndRunsAlone() {
        Main.Prepared cli = prepare(Map.of(), "--module=cli", "--api=http://h:7070", "--ws=ws://h:7000/ws", "--room=3");
        assertEquals(-1, cli.exitCode());
        assertNotNull(cli.cli());
        assertEquals(null, cli.module(), "the terminal client starts no server module");
        assertEquals(3, cli.cli().room());
        assertEquals("ws://h:7000/ws", cli.cli().endpoints());

        assertEquals(2, prepare(Map.of(), "--module=cli", "--redis.url=redis://x").exitCode());
        assertTrue(errText().contains("not --redis.url"), errText());
        assertEquals(2, prepare(Map.of(), "--module=cli,api").exitCode());
        assertTrue(errText().contains("run it alone"), errText());
        assertEquals(2, prepare(Map.of(), "--module=cli", "--ws=http://h/ws").exitCode());
        assertTrue(errText().contains("ws://, wss:// or tcp://"), errText());
    }

    @Test
    void anUnknownModuleExitsWithStatusTwoAndOneClearLine() {
        assertEquals(2, prepare(Map.of(), "--module=bogus").exitCode());
        assertEquals(1, errText().lines().count());
        assertTrue(errText().contains("unknown module 'bogus'"), errText());
        assertTrue(errText().contains("connect_tcp"), "lists the valid modules: " + errText());
    }

    @Test
    void noModuleExitsWithStatusTwo() {
        assertEquals(2, prepare(Map.of()).exitCode());
        assertTrue(errText().contains("no --module"), errText());
    }

    @Test
    void anUnknownKeyExitsWithStatusTwo() {
        assertEquals(2, prepare(Map.of(), "--module=api", "--api.prot=1").exitCode());
        assertTrue(errText().contains("api.prot"), errText());
    }

    @Test
    void aPortThatIsNotANumberExitsWithStatusTwo() {
        assertEquals(2, prepare(Map.of(), "--module=api", "--api.port=abc").exitCode());
        assertTrue(errText().contains("api.port"), errText());
    }

    @Test
    void aBadEnvironmentValueExitsWithStatusTwo() {
        assertEquals(2, prepare(Map.of("GOCHAT_CONNECT_WS_PORT", "x"), "--module=connect_ws").exitCode());
        assertTrue(errText().contains("GOCHAT_CONNECT_WS_PORT"), errText());
    }

    @Test
    void gochatsModuleNameForWebSocketIsAccepted() {
        Main.Prepared p = prepare(Map.of(), "--module=connect_websocket");
        assertEquals(-1, p.exitCode(), errText());
        assertEquals("connect_ws", p.name());
        assertNotNull(p.module());
    }

    @Test
    void spaceSeparatedOptionsWorkToo() {
        Main.Prepared p = prepare(Map.of(), "--module", "logic", "--rpc.port", "0");
        assertEquals("logic", p.name(), errText());
    }
}
