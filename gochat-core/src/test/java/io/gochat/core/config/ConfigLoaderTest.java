package io.gochat.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsRunOnOneMachine() {
        GochatConfig c = ConfigLoader.load(null, Map.of(), Map.of());
        assertEquals(List.of("http://127.0.0.1:2379"), c.list(SampleConfigKeys.ENDPOINTS));
        assertEquals(7070, c.integer(CoreConfigKeys.API_PORT));
        assertEquals(8080, c.integer(CoreConfigKeys.SITE_PORT));
        assertEquals(7000, c.integer(CoreConfigKeys.CONNECT_WS_PORT));
        assertEquals(7001, c.integer(CoreConfigKeys.CONNECT_TCP_PORT));
        assertEquals(0, c.integer(SampleConfigKeys.RPC_PORT));
        assertEquals(Duration.ofHours(24), c.duration(SampleConfigKeys.TTL));
    }

    @Test
    void fileThenEnvironmentThenFlagsLaterWins() throws IOException {
        Path yaml = dir.resolve("gochat.yaml");
        Files.writeString(yaml, """
                api:
                  port: 7100
                site.port: 8100
                connect: {ws: {port: 7200}}
                sample.endpoints: [ "http://10.0.0.1:2379", "http://10.0.0.2:2379" ]
                """);
        Map<String, String> env = Map.of("GOCHAT_SITE_PORT", "8200", "GOCHAT_CONNECT_WS_PORT", "7300", "HOME", "/root");
        Map<String, String> flags = Map.of("connect.ws.port", "7400");

        GochatConfig c = ConfigLoader.load(yaml, env, flags);

        assertEquals(7100, c.integer(CoreConfigKeys.API_PORT), "file beats default");
        assertEquals(8200, c.integer(CoreConfigKeys.SITE_PORT), "environment beats file");
        assertEquals(7400, c.integer(CoreConfigKeys.CONNECT_WS_PORT), "flag beats environment");
        assertEquals(List.of("http://10.0.0.1:2379", "http://10.0.0.2:2379"), c.list(SampleConfigKeys.ENDPOINTS));
    }

    @Test
    void propertiesFilesWorkToo() throws IOException {
        Path props = dir.resolve("gochat.properties");
        Files.writeString(props, "sample.url=redis://10.1.1.1:6380/2\nsample.apiUrl=http://chat.example:7070\n");
        GochatConfig c = ConfigLoader.load(props, Map.of(), Map.of());
        assertEquals("redis://10.1.1.1:6380/2", c.string(SampleConfigKeys.URL));
        assertEquals("http://chat.example:7070", c.string(SampleConfigKeys.API_URL));
    }

    @Test
    void environmentNamesAreDerivedFromKeys() {
        assertEquals("GOCHAT_SAMPLE_ENDPOINTS", SampleConfigKeys.ENDPOINTS.envName());
        assertEquals("GOCHAT_SAMPLE_APIURL", SampleConfigKeys.API_URL.envName());
        assertEquals("GOCHAT_CONNECT_TCP_PORT", CoreConfigKeys.CONNECT_TCP_PORT.envName());
    }

    @Test
    void aPortThatIsNotANumberIsRefusedWithItsKeyNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of(), Map.of("api.port", "seventy")));
        assertTrue(e.getMessage().contains("api.port"), e.getMessage());
        assertTrue(e.getMessage().contains("seventy"), e.getMessage());
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of("GOCHAT_SAMPLE_RPC_PORT", "70000"), Map.of()));
    }

    @Test
    void anUnknownFlagIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(null, Map.of(), Map.of("api.prot", "7070")));
        assertTrue(e.getMessage().contains("unknown config key 'api.prot'"), e.getMessage());
    }

    @Test
    void anUnknownKeyInAFileIsRefused() throws IOException {
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "api:\n  prot: 1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("api.prot"), e.getMessage());
    }

    @Test
    void aMissingOrBrokenFileIsAClearError() throws IOException {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of(), Map.of()));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "api: [unclosed\n");
        ConfigException parse = assertThrows(ConfigException.class, () -> ConfigLoader.load(broken, Map.of(), Map.of()));
        assertTrue(parse.getMessage().contains("cannot parse"), parse.getMessage());
    }

    @Test
    void durationsTakeUnits() {
        GochatConfig c = GochatConfig.defaults().with("sample.ttl", "1500ms");
        assertEquals(Duration.ofMillis(1500), c.duration(SampleConfigKeys.TTL));
        assertEquals(Duration.ofDays(2), c.with("sample.ttl", "2d").duration(SampleConfigKeys.TTL));
        assertThrows(ConfigException.class, () -> c.with("sample.ttl", "forever"));
    }
}
