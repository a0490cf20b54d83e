package io.gochat.connect.tools;

import io.gochat.connect.transport.Transport;
import io.gochat.connect.ConnectConfigKeys;
import io.gochat.core.config.ConfigKeys;
import io.gochat.connect.ConnectServer;
import io.gochat.connect.TestCluster;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Not a test: measures the server heap per idle authenticated connection. Starts etcd, a test logic
 * and one connect server in this JVM, opens COUNT connections from a separate Python process (so
 * client objects do not pollute the heap), and compares used heap after full GCs before and after.
 * Usage: java -cp ... io.gochat.connect.tools.IdleConnectionMemory ws|tcp COUNT
 */
public final class IdleConnectionMemory {
    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "ws";
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        EtcdExtension etcd = new EtcdExtension();
        etcd.start();
        try (TestCluster cluster = new TestCluster(etcd.endpoints())) {
            cluster.logic.user("mem-token", 1, "mem");
            ConnectServer server = cluster.start(kind.equals("ws") ? Transport.WS
                    : Transport.TCP, cluster.base()
                    .with(ConnectConfigKeys.CONNECT_IDLE_TIMEOUT, "10m").with(ConnectConfigKeys.CONNECT_AUTH_TIMEOUT, "10m"));
            // warm up: one round of connections so classes, pools and caches exist before the baseline
            runClients(kind, server, 200);
            long before = usedAfterGc();
            Process clients = new ProcessBuilder("python3", "gochat-connect/tools/idle_clients.py", kind,
                    Integer.toString(server.port()), Integer.toString(count), "mem-token", "1")
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"READY".equals(line)) {
                throw new IllegalStateException("clients: " + line);
            }
            Eventually.await(Duration.ofMinutes(2), count + " authenticated",
                    () -> server.buckets().connections() == count);
            long after = usedAfterGc();
            System.out.printf("%s: %d idle authenticated connections, heap %d KB -> %d KB, %.2f KB per connection%n",
                    kind, count, before / 1024, after / 1024, (after - before) / 1024.0 / count);
            clients.getOutputStream().close();
            clients.waitFor();
        } finally {
            etcd.stop();
        }
        System.exit(0);
    }

    private static void runClients(String kind, ConnectServer server, int n) throws Exception {
        Process p = new ProcessBuilder("python3", "gochat-connect/tools/idle_clients.py", kind,
                Integer.toString(server.port()), Integer.toString(n), "mem-token", "1").redirectErrorStream(true).start();
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Eventually.await(Duration.ofMinutes(1), "warm-up joined", () -> server.buckets().connections() == n);
        p.getOutputStream().close();
        p.waitFor();
        Eventually.await(Duration.ofMinutes(1), "warm-up left", () -> server.buckets().connections() == 0);
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);   // let the collector and reference processing settle
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
