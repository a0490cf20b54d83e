package io.gochat.site;

import io.gochat.cluster.ClusterConfigKeys;
import io.gochat.core.config.CoreConfigKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.config.ConfigKeys;
import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.discovery.EtcdConnection;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.core.json.Json;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SiteServerTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();

    private static final HttpClient client = HttpClient.newHttpClient();
    private static SiteServer site;

    @BeforeAll
    static void startSite() {
        site = new SiteServer(config());
        site.start();
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    static GochatConfig config() {
        return GochatConfig.defaults()
                .with(ClusterConfigKeys.ETCD_ENDPOINTS, etcd.endpoints())
                .with(CoreConfigKeys.LISTEN_HOST, "127.0.0.1")
                .with(CoreConfigKeys.SITE_PORT, 0)
                .with(CoreConfigKeys.API_PORT, 7171)
                .with(CoreConfigKeys.CONNECT_WS_PORT, 7272);
    }

    private static HttpResponse<String> get(SiteServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        return get(site, path, headers);
    }

    /** Sends the request line as written (HttpClient would normalise dot segments away). */
    private static String rawGet(String target) throws IOException {
        return rawGet(target, "127.0.0.1");
    }

    private static String rawGet(String target, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", site.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void theChatPageIsServedAtTheRoot() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(contentType(page).startsWith("text/html"), contentType(page));
        assertTrue(page.body().contains("data-testid=\"login\""));
        assertTrue(page.body().contains("/app.js"));
    }

    @Test
    void unknownPathsFallBackToTheChatPageLikeAnSpa() throws Exception {
        for (String path : List.of("/login", "/register", "/rooms/7")) {
            HttpResponse<String> page = get(path);
            assertEquals(200, page.statusCode(), path);
            assertTrue(page.body().contains("data-testid=\"login\""), path);
        }
    }

    @Test
    void staticAssetsHaveSensibleContentTypes() throws Exception {
        assertTrue(contentType(get("/app.js")).contains("javascript"), contentType(get("/app.js")));
        assertTrue(contentType(get("/app.css")).startsWith("text/css"));
        assertTrue(contentType(get("/favicon.svg")).startsWith("image/svg+xml"));
        assertTrue(contentType(get("/config.json")).startsWith("application/json"));
    }

    @Test
    void theScriptNeverPutsTextIntoThePageAsHtml() throws Exception {
        String script = get("/app.js").body();
        assertFalse(script.contains("innerHTML"));
        assertFalse(script.contains("insertAdjacentHTML"));
        assertFalse(script.contains("document.write"));
    }

    @Test
    void theMessagesScriptIsServedAndNeverPutsTextIntoThePageAsHtml() throws Exception {
        assertTrue(contentType(get("/messages.js")).contains("javascript"));
        assertTrue(contentType(get("/messages.css")).startsWith("text/css"));
        String script = get("/messages.js").body();
        assertFalse(script.contains("innerHTML"));
        assertFalse(script.contains("insertAdjacentHTML"));
        assertFalse(script.contains("document.write"));
    }

    @Test
    void configIsDerivedFromTheHostThePageWasLoadedFrom() throws Exception {
        JsonNode config = Json.MAPPER.readTree(get("/config.json").body());
        assertEquals("http://127.0.0.1:7171", config.get("apiUrl").asText());
        assertEquals("ws://127.0.0.1:7272/ws", config.get("wsUrl").asText());
    }

    @Test
    void configUsesTheHostNameTheBrowserUsedWithTheBackendPorts() throws Exception {
        String response = rawGet("/config.json", "chat.lan:8080");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        JsonNode config = Json.MAPPER.readTree(body);
        assertEquals("http://chat.lan:7171", config.get("apiUrl").asText());
        assertEquals("ws://chat.lan:7272/ws", config.get("wsUrl").asText());
    }

    @Test
    void configFollowsAForwardedHttpsProtocol() throws Exception {
        JsonNode config = Json.MAPPER.readTree(get("/config.json", "X-Forwarded-Proto", "https").body());
        assertEquals("https://127.0.0.1:7171", config.get("apiUrl").asText());
        assertEquals("wss://127.0.0.1:7272/ws", config.get("wsUrl").asText());
    }

    @Test
    void configIsNotCached() throws Exception {
        assertEquals("no-store", get("/config.json").headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void configuredAddressesWinOverTheHostHeader() throws Exception {
        GochatConfig config = config()
                .with(SiteConfigKeys.SITE_API_URL, "https://chat.example.com/api")
                .with(SiteConfigKeys.SITE_WS_URL, "wss://chat.example.com/ws");
        try (SiteServer other = new SiteServer(config)) {
            other.start();
            JsonNode body = Json.MAPPER.readTree(get(other, "/config.json").body());
            assertEquals("https://chat.example.com/api", body.get("apiUrl").asText());
            assertEquals("wss://chat.example.com/ws", body.get("wsUrl").asText());
        }
    }

    @Test
    void onlyTheEmptyAddressIsDerived() {
        EndpointResolver resolver = new EndpointResolver(config().with(SiteConfigKeys.SITE_WS_URL, "ws://proxy/ws"));
        assertEquals(new ClientEndpoints("http://chat.lan:7171", "ws://proxy/ws"),
                resolver.resolve("chat.lan:8080", false));
    }

    @Test
    void pathTraversalDoesNotLeaveThePublicDirectory() throws Exception {
        for (String target : List.of("/../pom.xml", "/%2e%2e/pom.xml", "/..%2fpom.xml", "/public/../../pom.xml",
                "/../../../../etc/passwd", "/io/gochat/site/SiteServer.class", "/../io/gochat/site/SiteServer.class",
                "/%2e%2e/io/gochat/site/SiteServer.class")) {
            String response = rawGet(target);
            assertFalse(response.contains("<modelVersion>"), target);
            assertFalse(response.contains("root:x:0:0"), target);
            assertTrue(!response.startsWith("HTTP/1.1 200") || response.contains("data-testid=\"login\""),
                    target + " served something other than the chat page: " + response.lines().findFirst().orElse(""));
        }
    }

    @Test
    void directoriesAreNotListed() throws Exception {
        for (String path : List.of("/", "/public/", "/META-INF/")) {
            String body = get(path).body();
            assertFalse(body.contains("Index of") || body.contains("href=\"app.css\"/"), path + ": " + body);
            assertTrue(body.contains("data-testid=\"login\""), path);
        }
    }

    @Test
    void aSecondSiteOnTheSamePortFailsToStartWithAClearError() {
        GochatConfig taken = config().with(CoreConfigKeys.SITE_PORT, site.port());
        try (SiteServer other = new SiteServer(taken)) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, other::start);
            assertTrue(e.getMessage().contains(String.valueOf(site.port())), e.getMessage());
        }
    }

    @Test
    void theSiteRegistersInEtcdWithItsHttpPort() {
        try (EtcdConnection connection = EtcdConnection.connect(List.of(etcd.endpoints()), Duration.ofSeconds(3),
                new io.gochat.core.lifecycle.StartupWait(Duration.ofSeconds(30)));
             ServiceWatcher watcher = ServiceWatcher.start(connection, Roles.SITE)) {
            Eventually.await(Duration.ofSeconds(5), "site registered", () -> watcher.servers().values().stream()
                    .anyMatch(s -> Integer.valueOf(site.port()).equals(s.ports().get("http"))));
        }
    }

    @Test
    void theBoundPortIsRealWhenPortZeroWasConfigured() {
        assertNotEquals(0, site.port());
    }

    /** https from PEM files, and the page then gets https:// and wss:// addresses for the api and WebSocket. */
    @Test
    void theSiteServesHttpsFromPemFilesAndPointsThePageAtWss(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        io.gochat.testkit.SelfSignedPem pem = io.gochat.testkit.SelfSignedPem.create(dir);
        SiteServer secure = new SiteServer(config().with(CoreConfigKeys.TLS_CERT, pem.cert().toString())
                .with(CoreConfigKeys.TLS_KEY, pem.key().toString()));
        secure.start();
        try {
            HttpClient tls = HttpClient.newBuilder().sslContext(pem.clientContext()).build();
            HttpResponse<String> r = tls.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + secure.port() + "/config.json")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            JsonNode endpoints = Json.MAPPER.readTree(r.body());
            assertEquals("https://127.0.0.1:7171", endpoints.get("apiUrl").asText());
            assertEquals("wss://127.0.0.1:7272/ws", endpoints.get("wsUrl").asText());
            assertTrue(tls.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + secure.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("<html"), "the page itself");
        } finally {
            secure.close();
        }
    }
}
