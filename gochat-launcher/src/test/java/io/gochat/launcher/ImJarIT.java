package io.gochat.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.testkit.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the shaded target/im.jar as users do (after the package phase). */
class ImJarIT {
    static final Path JAR = Path.of("target", "im.jar");

    record Result(int exit, String output, long millis) {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        assertTrue(Files.exists(JAR), "target/im.jar is built by the package phase");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("im.jar " + String.join(" ", args) + " did not exit within 60 s");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.exitValue(), output, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void helpWorksFromTheJar() throws Exception {
        Result r = run("--help");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("connect_tcp"), r.output());
        assertTrue(r.output().contains("etcd.endpoints"), r.output());
    }

    @Test
    void aBogusModuleExitsTwoFromTheJar() throws Exception {
        Result r = run("--module=bogus");
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("unknown module 'bogus'"), r.output());
    }

    @Test
    void anUnreachableEtcdIsAwaitedWithProgressLinesUntilTheStartupDeadlineThenExitsOneWithOneClearLine()
            throws Exception {
        String etcd = "http://127.0.0.1:" + FreePorts.next();
        // 12 s: the deadline counts from the first start-up step, and on a loaded machine the steps before the
        // wait for etcd can take seconds; the first progress line comes 5 s into the wait
        Result r = run("--module=task", "--etcd.endpoints=" + etcd, "--startup.timeout=12s", "--rpc.timeout=1s");
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.millis() >= 12_000, "waited the whole start-up deadline, not one call's timeout: " + r.millis());
        assertTrue(r.millis() < 40_000, "exited after " + r.millis() + " ms");
        assertTrue(r.output().contains("waiting for etcd at " + etcd + " ("), "a progress line: " + r.output());
        assertEquals(1, r.output().lines().filter(l -> l.contains("cannot start")).count(), r.output());
        assertTrue(r.output().contains("etcd not reachable at " + etcd + " within 12s"), r.output());
        assertTrue(r.output().lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + r.output());
    }

    @Test
    void severalModulesAndAllAreAcceptedAndAnUnknownOneInAListIsNamed() throws Exception {
        Result r = run("--module=logic,bogus");
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("unknown module 'bogus'"), r.output());
        assertTrue(r.output().contains("all"), "names the all-in-one choice: " + r.output());
    }
}
