package io.gochat.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Another JVM running a main class from the test classpath, so a test can kill a real process
 * (SIGKILL, no shutdown hooks) and watch the rest of the system notice.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process died; what it printed is kept
            }
        }, "child-output");
        pump.setDaemon(true);
        pump.start();
    }

    public static ChildJvm start(Class<?> mainClass, String... args) {
        return startIn(null, mainClass, args);
    }

    /**
     * As {@link #start}, with {@code workDir} as the child's working directory (created if missing), as a
     * server on another host would have its own; null keeps this JVM's.
     */
    public static ChildJvm startIn(Path workDir, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (workDir != null) {
                java.nio.file.Files.createDirectories(workDir);
                builder.directory(workDir.toFile());
            }
            return new ChildJvm(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a printed line starting with {@code prefix} and returns it. */
    public String awaitLine(String prefix, Duration timeout) {
        return Eventually.awaitValue(timeout, "child printing '" + prefix + "'; it printed: " + output, () -> {
            if (!process.isAlive() && output.stream().noneMatch(l -> l.startsWith(prefix))) {
                throw new AssertionError("child exited with " + process.exitValue() + ": " + output);
            }
            return output.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        });
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, nothing is deregistered. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
