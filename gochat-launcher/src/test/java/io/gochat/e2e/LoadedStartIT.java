package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gochat.connect.WsTestClient;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.FreePorts;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Six module processes started at once while two busy threads hold both cores: every first etcd, Redis
 * and database call is slow, and yet every module waits for its dependencies instead of giving up, and
 * the system serves a message. (Before start-up waited with a deadline of its own, this failed 10 of 10.)
 */
class LoadedStartIT {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    Path dir;

    @Test
    void everyModuleComesUpWhileACpuBurnerHoldsBothCores() throws Exception {
        AtomicBoolean burning = new AtomicBoolean(true);
        List<Thread> burners = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (burning.get()) {
                    x += System.nanoTime() % 7;   // busy: this is the load, not a wait
                }
                if (x == 42) {
                    System.out.print("");
                }
            }, "cpu-burner-" + i);
            t.setDaemon(true);
            t.start();
            burners.add(t);
        }
        int api = FreePorts.next();
        int ws = FreePorts.next();
        List<ImProcess> modules = new ArrayList<>();
        try {
            List<String> common = List.of("--etcd.endpoints=" + etcd.endpoints(), "--redis.url=" + redis.url(),
                    "--db.url=jdbc:sqlite:" + dir.resolve("gochat.db"), "--listen.host=127.0.0.1");
            // registry.ttl, rpc.timeout and startup.timeout stay at their defaults
            modules.add(start("logic", common));
            modules.add(start("connect_ws", common, "--connect.ws.port=" + ws));
            modules.add(start("connect_tcp", common, "--connect.tcp.port=" + FreePorts.next()));
            modules.add(start("task", common));
            modules.add(start("api", common, "--api.port=" + api));
            modules.add(start("site", common, "--site.port=" + FreePorts.next()));
            for (ImProcess m : modules) {
                m.awaitStarted(Duration.ofSeconds(150));
            }
        } catch (Throwable failed) {
            modules.forEach(ImProcess::close);   // the processes that did start must not outlive the test
            throw failed;
        } finally {
            burning.set(false);
        }
        for (Thread t : burners) {
            t.join();
        }
        try {
            ApiClient http = new ApiClient(api);
            // the modules found each other once the load stopped (a lease may have lapsed under it and been renewed)
            String token = Eventually.awaitValue(Duration.ofSeconds(30), "a login", () -> {
                try {
                    return http.token("loaded");
                } catch (AssertionError notYet) {
                    return null;
                }
            });
            try (WsTestClient client = new WsTestClient(ws).auth(token, 3)) {
                Eventually.await(Duration.ofSeconds(30), "a room message reaches the socket", () -> {
                    http.post("/push/pushRoom", "authToken", token, "msg", "up", "roomId", 3);
                    return client.frames().stream().anyMatch(f -> f.contains("\"msg\":\"up\""));
                });
            }
            for (ImProcess m : modules) {
                assertEquals(143, m.stop(Duration.ofSeconds(20)), m.name + " exits cleanly on SIGTERM");
            }
        } finally {
            modules.forEach(ImProcess::close);
        }
    }

    private static ImProcess start(String module, List<String> common, String... extra) throws Exception {
        List<String> flags = new ArrayList<>(common);
        flags.addAll(List.of(extra));
        return ImProcess.start("loaded-" + module, Path.of("target", "cluster-logs"), module, flags,
                List.of("-Xms32m", "-Xmx256m"));
    }
}
