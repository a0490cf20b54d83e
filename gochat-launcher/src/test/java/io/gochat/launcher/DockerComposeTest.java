package io.gochat.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine on the build machines, so the compose file is checked here instead:
 * it parses, and every module container's command is one im.jar accepts.
 */
class DockerComposeTest {
    static final Path COMPOSE = Path.of("..", "docker", "docker-compose.yml");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader r = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> root = new Yaml().load(r);
            return (Map<String, Map<String, Object>>) root.get("services");
        }
    }

    /** The modules the services of a compose profile run. */
    @SuppressWarnings("unchecked")
    private static List<String> modulesOf(String profile) throws IOException {
        List<String> modules = new ArrayList<>();
        for (Map<String, Object> service : services().values()) {
            if (!((List<String>) service.getOrDefault("profiles", List.of())).contains(profile)) {
                continue;
            }
            Object command = service.get("command");
            if (command instanceof List<?> args && !args.isEmpty() && String.valueOf(args.get(0)).startsWith("--module=")) {
                modules.add(String.valueOf(args.get(0)).substring("--module=".length()));
            }
        }
        modules.sort(String::compareTo);
        return modules;
    }

    @Test
    void theDevProfileRunsEveryModuleInOneProcess() throws IOException {
        assertEquals(List.of("all"), modulesOf("dev"));
        assertTrue(services().containsKey("etcd"));
        assertTrue(services().containsKey("redis"));
        assertTrue(!services().get("etcd").containsKey("profiles"), "etcd runs in every profile");
    }

    @Test
    void theSplitProfileRunsEveryModuleInItsOwnContainerWithTwoWebSocketServers() throws IOException {
        assertEquals(List.of("api", "connect_tcp", "connect_ws", "connect_ws", "logic", "site", "task"),
                modulesOf("split"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theScaledProfileRunsTwoLogicServersOnPostgresqlAndTwoTasksOnRedisBehindSentinels() throws IOException {
        assertEquals(List.of("api", "connect_tcp", "connect_ws", "connect_ws", "logic", "logic", "site", "task", "task"),
                modulesOf("scaled"));
        for (String s : List.of("redis_replica", "sentinel_1", "sentinel_2", "sentinel_3")) {
            assertEquals(List.of("scaled"), services().get(s).get("profiles"), s + " only where it is used");
        }
        for (String s : List.of("logic_1", "logic_2", "task_1", "task_2")) {
            Map<String, String> env = (Map<String, String>) services().get(s).get("environment");
            assertEquals("redis-sentinel://sentinel_1:26379,sentinel_2:26379,sentinel_3:26379/gochat",
                    env.get("GOCHAT_REDIS_URL"), s + " finds Redis through the Sentinels");
            assertEquals("1", env.get("GOCHAT_REDIS_REPLICAS"), s);
            assertEquals("8", env.get("GOCHAT_QUEUE_PARTITIONS"), s + ": the same partitions everywhere");
            assertTrue(env.get("GOCHAT_CLUSTER_SECRET").startsWith("${GOCHAT_CLUSTER_SECRET"), s + " proves the secret");
        }
        Map<String, Object> postgres = services().get("postgres");
        assertEquals(List.of("scaled"), postgres.get("profiles"), "PostgreSQL only where it is used");
        Map<String, String> pgEnv = (Map<String, String>) postgres.get("environment");
        int logics = 0;
        for (Map<String, Object> service : services().values()) {
            List<String> profiles = (List<String>) service.getOrDefault("profiles", List.of());
            Object command = service.get("command");
            if (!profiles.contains("scaled") || !(command instanceof List<?> args)
                    || !args.get(0).equals("--module=logic")) {
                continue;
            }
            logics++;
            String dbUrl = ((Map<String, String>) service.get("environment")).get("GOCHAT_DB_URL");
            assertEquals("jdbc:postgresql://postgres:5432/" + pgEnv.get("POSTGRES_DB") + "?user="
                    + pgEnv.get("POSTGRES_USER") + "&password=" + pgEnv.get("POSTGRES_PASSWORD"), dbUrl);
            Map<String, Object> dependsOn = (Map<String, Object>) service.get("depends_on");
            assertTrue(dependsOn.containsKey("postgres"), "logic waits for PostgreSQL's health check");
            assertTrue(!service.containsKey("volumes"), "nothing on the container's disk: the database has it all");
        }
        assertEquals(2, logics);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyModuleCommandIsAcceptedByImJar() throws IOException {
        for (Map.Entry<String, Map<String, Object>> e : services().entrySet()) {
            Object command = e.getValue().get("command");
            if (!(command instanceof List<?> args) || !String.valueOf(args.get(0)).startsWith("--module=")) {
                continue;
            }
            Map<String, String> env = (Map<String, String>) e.getValue().getOrDefault("environment", Map.of());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Main.Prepared p = Main.prepare(((List<String>) args).toArray(String[]::new), env,
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(-1, p.exitCode(), e.getKey() + ": " + err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyModuleServesItsAdminPortAndIsHealthyOnlyWhenReady() throws IOException {
        String prometheus = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docker", "prometheus.yml"));
        for (Map.Entry<String, Map<String, Object>> e : services().entrySet()) {
            Object command = e.getValue().get("command");
            if (!(command instanceof List<?> args) || !String.valueOf(args.get(0)).startsWith("--module=")) {
                continue;
            }
            Map<String, Object> env = (Map<String, Object>) e.getValue().get("environment");
            assertEquals("9100", String.valueOf(env.get("GOCHAT_ADMIN_PORT")), e.getKey() + " serves its admin port");
            Map<String, Object> health = (Map<String, Object>) e.getValue().get("healthcheck");
            assertTrue(String.valueOf(health.get("test")).contains("/health/ready"), e.getKey() + " is checked with /health/ready");
            assertTrue(prometheus.contains("\"" + e.getKey() + ":9100\""), "prometheus scrapes " + e.getKey());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMonitoringProfileRunsPrometheusAndGrafanaWithTheDashboard() throws IOException {
        for (String s : List.of("prometheus", "grafana")) {
            assertEquals(List.of("monitoring"), services().get(s).get("profiles"), s + " is in the monitoring profile");
        }
        assertTrue(String.valueOf(services().get("grafana").get("volumes")).contains("grafana-dashboard.json"));
        assertTrue(String.valueOf(services().get("prometheus").get("volumes")).contains("prometheus.yml"));
        com.fasterxml.jackson.databind.JsonNode dashboard = io.gochat.core.json.Json.MAPPER.readTree(
                java.nio.file.Path.of("..", "docker", "grafana-dashboard.json").toFile());
        assertTrue(dashboard.path("panels").size() > 10, "the dashboard has its panels");
    }
}
