package io.gochat.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    void anUnreachableEtcdMakesAModuleExitNonZeroWithinSeconds() throws Exception {
        Result r = run("--module=task", "--etcd.endpoints=http://127.0.0.1:" + FreePorts.next(), "--rpc.timeout=2s");
        assertNotEquals(0, r.exit(), r.output());
        assertTrue(r.millis() < 30_000, "exited after " + r.millis() + " ms");
        assertTrue(r.output().contains("cannot start"), r.output());
    }
}
