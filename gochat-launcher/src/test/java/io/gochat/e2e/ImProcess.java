package io.gochat.e2e;

import io.gochat.testkit.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One module running from the shaded target/im.jar in its own JVM, as run.sh starts it. */
final class ImProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "im.jar");

    final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ImProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 var out = Files.newBufferedWriter(log)) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    out.write(line);
                    out.newLine();
                    out.flush();
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "out-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    static ImProcess start(String name, Path logDir, String module, List<String> flags) throws IOException {
        return start(name, logDir, module, flags, List.of("-Xms32m", "-Xmx256m", "-XX:TieredStopAtLevel=1"));
    }

    static ImProcess start(String name, Path logDir, String module, List<String> flags, List<String> jvmFlags)
            throws IOException {
        return start(name, logDir, module, flags, jvmFlags, c -> c);
    }

    /** @param wrap changes the command line, e.g. to run it in a network namespace ({@code ip netns exec NS …}) */
    static ImProcess start(String name, Path logDir, String module, List<String> flags, List<String> jvmFlags,
                           java.util.function.UnaryOperator<List<String>> wrap) throws IOException {
        if (!Files.exists(JAR)) {
            throw new AssertionError("target/im.jar is missing: the cluster test runs after the package phase");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", JAR.toString(), "--module=" + module));
        command.addAll(flags);
        Files.createDirectories(logDir);
        Process p = new ProcessBuilder(wrap.apply(command)).redirectErrorStream(true).start();
        return new ImProcess(name, p, logDir.resolve(name + ".log"));
    }

    ImProcess awaitStarted(Duration timeout) {
        Eventually.await(timeout, () -> name + " to start; it printed: " + tail(), () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ": " + tail());
            }
            return lines.stream().anyMatch(l -> l.contains(" serving, "));
        });
        return this;
    }

    /** SIGTERM, then the exit status (the process must stop within {@code timeout}). */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            kill();
            throw new AssertionError(name + " did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, nothing deregistered, in-flight work abandoned. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP: the process freezes (as in a long GC pause or a stopped VM); its sockets stay open. */
    void pause() throws Exception {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    private String tail() {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                resume();   // a paused process would not hear SIGTERM
            } catch (Exception ignored) {
                // gone already
            }
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
