package io.gochat.bench.scenario;

import io.gochat.bench.api.ApiClient;
import io.gochat.bench.api.BenchUser;
import io.gochat.bench.api.UserPool;
import io.gochat.bench.cli.BenchArgs;
import io.gochat.bench.report.Result;
import io.gochat.bench.report.ResultsFile;
import io.gochat.bench.server.LoadAverage;
import io.gochat.bench.server.ServerProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens N idle WS and/or TCP connections (authenticated, spread over rooms) from {@code --procs} child
 * processes on their own loopback source addresses, and reports the connect server's heap after full GC
 * and its RSS, before and after, per connection.
 */
public final class ConnectionsScenario {
    private ConnectionsScenario() {
    }

    public static void run(BenchArgs a, ResultsFile out) throws Exception {
        Target target = Target.from(a);
        int ws = a.integer("ws", 0);
        int tcp = a.integer("tcp", 0);
        int procs = a.integer("procs", 3);
        String runDir = a.string("run-dir", "run");
        Path allInOne = Path.of(runDir, "pids", "gochat.pid");
        ServerProbe server = !a.string("pid", "").isEmpty() ? new ServerProbe(Long.parseLong(a.string("pid", "")))
                : Files.exists(allInOne) ? ServerProbe.fromPidFile(allInOne)
                : ServerProbe.fromPidFile(Path.of(runDir, "pids", (ws > 0 ? "connect_ws-1" : "connect_tcp-1") + ".pid"));
        if (ws > 0 && tcp > 0) {
            throw new IllegalArgumentException("measure one server at a time: --ws=N or --tcp=N");
        }
        ApiClient api = new ApiClient(target.api(), 2);
        List<BenchUser> users = UserPool.logIn(api, a.string("user-prefix", "bench_c"), a.integer("users", 200));
        Path tokens = Files.createTempFile("bench-tokens", ".txt");
        Files.write(tokens, users.stream().map(BenchUser::token).toList());

        double loadBefore = LoadAverage.oneMinute();
        ServerProbe.Snapshot before = server.measure();
        System.out.printf("connections: server pid %d baseline heap %d KB, RSS %d KB (load %.2f)%n",
                server.pid(), before.heapUsedKb(), before.rssKb(), loadBefore);
        List<Process> workers = new ArrayList<>();
        long start = System.nanoTime();
        long cpuStart = server.cpuTicks();
        int total = ws + tcp;
        for (int p = 0; p < procs; p++) {
            int from = total * p / procs;
            int to = total * (p + 1) / procs;
            List<String> cmd = new ArrayList<>(List.of("java", "-Xmx" + a.string("worker-heap", "384m"),
                    "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "io.gochat.bench.BenchMain", "conn-worker",
                    "--ws=" + (ws > 0 ? to - from : 0), "--tcp=" + (tcp > 0 ? to - from : 0),
                    "--offset=" + from, "--in-flight=" + a.integer("in-flight", 200),
                    "--rate=" + a.decimal("rate", 1000) / procs, "--tokens=" + tokens, "--rooms=" + a.integer("rooms", 1000),
                    "--local=127.0." + (p / 200 + 1) + "." + (2 + p % 200),
                    "--host=" + target.host(), "--ws-port=" + target.wsPort(), "--tcp-port=" + target.tcpPort()));
            workers.add(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        long opened = 0;
        long failed = 0;
        double stormSeconds = 0;   // the slowest worker's storm, from its first open to its last connected
        List<BufferedReader> readers = new ArrayList<>();
        for (Process w : workers) {
            BufferedReader r = new BufferedReader(new InputStreamReader(w.getInputStream(), StandardCharsets.UTF_8));
            readers.add(r);
            String line;
            while ((line = r.readLine()) != null) {
                System.out.println("  worker: " + line);
                if (line.startsWith("OPENED ")) {
                    String[] f = line.split(" ");
                    opened += Long.parseLong(f[1]);
                    failed += Long.parseLong(f[2]);
                    stormSeconds = Math.max(stormSeconds, Double.parseDouble(f[3]));
                    break;
                }
            }
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;
        // the server's CPU for the storm: until every socket is open plus the auth calls still running then
        // (3 s, far more than a join takes); it includes the idle heartbeats of those 3 s, a small upper bias
        awaitNanos(3_000_000_000L);
        long stormTicks = server.cpuTicks() - cpuStart;
        // longer than connect.auth.timeout (10 s): a connection the server did not authenticate is closed by then
        Thread.sleep(a.integer("settle", 12) * 1000L);
        long connected = 0;
        long closed = 0;
        for (int i = 0; i < workers.size(); i++) {
            workers.get(i).getOutputStream().write("status\n".getBytes(StandardCharsets.UTF_8));
            workers.get(i).getOutputStream().flush();
            String[] f = readers.get(i).readLine().split(" ");
            connected += Long.parseLong(f[1]);
            closed += Long.parseLong(f[2]);
        }
        long held = connected - closed;
        double loadAfter = LoadAverage.oneMinute();
        ServerProbe.Snapshot after = server.measure();
        long open = openConnections(server.pid());
        for (Process w : workers) {
            w.getOutputStream().close();
        }
        for (Process w : workers) {
            if (!w.waitFor(30, TimeUnit.SECONDS)) {
                w.destroyForcibly();
            }
        }
        Files.deleteIfExists(tokens);
        long n = Math.max(1, held);   // still open after the auth deadline = authenticated and in a room
        Result r = new Result("connections").put("transport", ws > 0 ? "ws" : "tcp").put("requested", total)
                .put("opened", opened).put("held", held).put("failed", failed).put("serverSockets", open)
                .put("procs", procs).put("openSeconds", openSeconds).put("stormSeconds", stormSeconds)
                .put("connectsPerSecond", opened / Math.max(1e-9, stormSeconds))
                .put("serverCpuMsPerConn", stormTicks * 10.0 / Math.max(1, opened))
                .put("heapBeforeKb", before.heapUsedKb()).put("heapAfterKb", after.heapUsedKb())
                .put("heapPerConnKb", (after.heapUsedKb() - before.heapUsedKb()) / (double) n)
                .put("rssBeforeKb", before.rssKb()).put("rssAfterKb", after.rssKb())
                .put("rssPerConnKb", (after.rssKb() - before.rssKb()) / (double) n)
                .put("load1Before", loadBefore).put("load1After", loadAfter);
        out.add(r);
    }

    private static void awaitNanos(long nanos) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }

    /** Sockets the server process holds (its fds that are sockets). */
    private static long openConnections(long pid) {
        try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.filter(f -> {
                try {
                    return Files.readSymbolicLink(f).toString().startsWith("socket:");
                } catch (Exception e) {
                    return false;
                }
            }).count();
        } catch (Exception e) {
            return -1;
        }
    }
}
