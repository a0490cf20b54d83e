package io.gochat.bench.scenario;

import io.gochat.bench.report.Result;
import io.gochat.bench.server.ServerProbe;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used during a step (% of one core) by this bench process and by each run.sh server it finds:
 * "gochat" is the all-in-one process, the others are the processes of the one-module-per-process layout.
 */
final class CpuMeter {
    private final Map<String, ServerProbe> probes = new LinkedHashMap<>();
    private final Map<String, Long> startTicks = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();

    private CpuMeter() {
    }

    static CpuMeter start(String runDir) {
        CpuMeter m = new CpuMeter();
        m.probes.put("bench", new ServerProbe(ProcessHandle.current().pid()));
        for (String name : new String[] {"gochat", "api", "logic-1", "task-1", "connect_ws-1", "connect_tcp-1", "redis", "etcd"}) {
            try {
                m.probes.put(name, ServerProbe.fromPidFile(Path.of(runDir, "pids", name + ".pid")));
            } catch (Exception e) {
                // not running here: not measured
            }
        }
        m.probes.forEach((name, p) -> {
            try {
                m.startTicks.put(name, p.cpuTicks());
            } catch (Exception e) {
                // gone
            }
        });
        return m;
    }

    void stop(Result r) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder sb = new StringBuilder();
        startTicks.forEach((name, t0) -> {
            try {
                double pct = (probes.get(name).cpuTicks() - t0) / seconds;   // ticks are 1/100 s
                sb.append(sb.length() == 0 ? "" : ",").append(name).append(':').append(Math.round(pct));
            } catch (Exception e) {
                // gone
            }
        });
        r.put("cpuPct", sb.toString());
    }
}
