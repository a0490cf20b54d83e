package io.gochat.cluster.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gochat.core.json.Json;
import io.gochat.core.lifecycle.StartupException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small admin HTTP port of a process ({@code admin.port}): {@code GET /metrics} in Prometheus' text
 * format, {@code GET /health/live} (the process answers) and {@code GET /health/ready} (200 when every
 * module is registered in etcd and its dependencies answer, else 503 with the failing checks). One thread:
 * a scrape or a health check never competes with the servers' own threads for more than that.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final HttpServer http;
    private final ExecutorService thread;

    private AdminServer(HttpServer http, ExecutorService thread) {
        this.http = http;
        this.thread = thread;
    }

    public static AdminServer start(String host, int port, PrometheusMeterRegistry registry, HealthChecks health) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new StartupException("admin port cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "admin-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(thread);
        http.createContext("/metrics", ex -> answer(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        http.createContext("/health/live", ex -> answer(ex, 200, "application/json", "{\"status\":\"UP\"}"));
        http.createContext("/health/ready", ex -> {
            Map<String, Boolean> checks = health.run();
            boolean ready = HealthChecks.ready(checks);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ready ? "UP" : "DOWN");
            body.put("checks", checks);
            answer(ex, ready ? 200 : 503, "application/json", Json.write(body));
        });
        http.createContext("/", ex -> answer(ex, 404, "text/plain", "GET /metrics, /health/live or /health/ready\n"));
        http.start();
        AdminServer server = new AdminServer(http, thread);
        log.info("admin port {}:{} (/metrics, /health/live, /health/ready)", host, server.port());
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                status = 405;
                body = "GET only\n";
                type = "text/plain";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        thread.shutdownNow();
    }
}
