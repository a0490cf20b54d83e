package io.gochat.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Linux network namespace joined to this host by a veth pair, for one server process of a fault test:
 * the host end is {@link #hostAddress()}, the namespace end {@link #innerAddress()} (a /30 of 10.231.0.0/16).
 * Run a command inside with {@link #wrap}; slow its traffic with {@link #delay} ({@code tc netem}).
 * Needs root (or CAP_NET_ADMIN) and iproute2; {@link #tryCreate} says why when it cannot.
 * {@link #close} deletes the namespace and the pair.
 */
public final class NetworkNamespace implements AutoCloseable {
    private final String name;
    private final String hostIf;
    private final String innerIf;
    private final String hostAddress;
    private final String innerAddress;

    private NetworkNamespace(String name, String hostIf, String innerIf, String hostAddress, String innerAddress) {
        this.name = name;
        this.hostIf = hostIf;
        this.innerIf = innerIf;
        this.hostAddress = hostAddress;
        this.innerAddress = innerAddress;
    }

    /** The outcome of {@link #tryCreate}: a namespace, or why there is none. */
    public record Attempt(NetworkNamespace namespace, String whyNot) {
    }

    /** Creates {@code gochat-<tag>-<pid>}; never throws: a refusal (no root, no iproute2) comes back as a reason. */
    public static Attempt tryCreate(String tag) {
        long pid = ProcessHandle.current().pid();
        int subnet = (int) (pid % 16_000);
        String name = "gochat-" + tag + "-" + pid;
        String hostIf = "gv" + pid + "h";
        String innerIf = "gv" + pid + "n";
        String host = "10.231." + (subnet / 64) + "." + (subnet % 64 * 4 + 1);
        String inner = "10.231." + (subnet / 64) + "." + (subnet % 64 * 4 + 2);
        NetworkNamespace ns = new NetworkNamespace(name, hostIf, innerIf, host, inner);
        try {
            run("ip", "netns", "add", name);
        } catch (IOException e) {
            return new Attempt(null, "ip netns add is not permitted here: " + e.getMessage());
        }
        try {
            run("ip", "link", "add", hostIf, "type", "veth", "peer", "name", innerIf);
            run("ip", "link", "set", innerIf, "netns", name);
            run("ip", "addr", "add", host + "/30", "dev", hostIf);
            run("ip", "link", "set", hostIf, "up");
            run("ip", "netns", "exec", name, "ip", "addr", "add", inner + "/30", "dev", innerIf);
            run("ip", "netns", "exec", name, "ip", "link", "set", innerIf, "up");
            run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
            return new Attempt(ns, null);
        } catch (IOException e) {
            ns.close();
            return new Attempt(null, "cannot wire the network namespace: " + e.getMessage());
        }
    }

    public String hostAddress() {
        return hostAddress;
    }

    public String innerAddress() {
        return innerAddress;
    }

    /** {@code command} run inside the namespace ({@code ip netns exec} execs it: the pid is the command's). */
    public List<String> wrap(List<String> command) {
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", name));
        out.addAll(command);
        return out;
    }

    /** Every packet leaving the namespace waits {@code millis} ms ({@code tc netem}); 0 removes the delay. */
    public void delay(int millis) throws IOException {
        if (millis <= 0) {
            run("ip", "netns", "exec", name, "tc", "qdisc", "del", "dev", innerIf, "root");
        } else {
            run("ip", "netns", "exec", name, "tc", "qdisc", "replace", "dev", innerIf, "root", "netem", "delay",
                    millis + "ms");
        }
    }

    /** Null if {@code tc netem} works in this namespace, else why not (e.g. a kernel without {@code sch_netem}). */
    public String netemWhyNot() {
        try {
            delay(1);
            delay(0);
            return null;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() {
        try {
            run("ip", "link", "del", hostIf);   // takes its peer in the namespace with it
        } catch (IOException ignored) {
            // not created, or gone with the namespace
        }
        try {
            run("ip", "netns", "del", name);
        } catch (IOException ignored) {
            // not created
        }
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + hostAddress + " <-> " + innerAddress + ")";
    }
}
