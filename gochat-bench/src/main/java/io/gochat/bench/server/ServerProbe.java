package io.gochat.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server JVM seen from outside: heap used after a full GC ({@code jcmd}) and RSS ({@code /proc}). */
public final class ServerProbe {
    /** G1 prints one "heap total ..., used ...K" line. */
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    /** Serial and Parallel print one line per generation ("def new generation total ..., used ...K"). */
    private static final Pattern GENERATION_USED = Pattern.compile("(?:generation|gen)\\s+total \\d+K, used (\\d+)K");

    private final long pid;

    public ServerProbe(long pid) {
        this.pid = pid;
    }

    /** The pid from a run.sh pid file, e.g. {@code run/pids/connect_ws-1.pid}. */
    public static ServerProbe fromPidFile(Path file) throws IOException {
        return new ServerProbe(Long.parseLong(Files.readString(file).trim()));
    }

    public long pid() {
        return pid;
    }

    public record Snapshot(long heapUsedKb, long rssKb) {
    }

    /** Three full GCs, then the heap used and the RSS. */
    public Snapshot measure() throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            jcmd("GC.run");
        }
        String info = jcmd("GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (m.find()) {
            return new Snapshot(Long.parseLong(m.group(1)), rssKb());
        }
        long used = 0;
        boolean found = false;
        for (Matcher g = GENERATION_USED.matcher(info); g.find(); ) {
            used += Long.parseLong(g.group(1));
            found = true;
        }
        if (!found) {
            throw new IOException("cannot read the heap from jcmd GC.heap_info: " + info);
        }
        return new Snapshot(used, rssKb());
    }

    public long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    /** CPU time (user + system) of the process so far, in clock ticks (1/100 s). */
    public long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
