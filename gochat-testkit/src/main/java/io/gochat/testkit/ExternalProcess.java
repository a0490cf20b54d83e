package io.gochat.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A server binary run by a test: its own temp dir and log file, stopped (and the dir removed) on close. */
final class ExternalProcess implements AutoCloseable {
    private final String name;
    private final Path dir;
    private final Process process;

    ExternalProcess(String name, List<String> command, Path dir) {
        this.name = name;
        this.dir = dir;
        try {
            this.process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    void awaitPort(int port, Duration timeout) {
        awaitPort("127.0.0.1", port, timeout);
    }

    void awaitPort(String host, int port, Duration timeout) {
        Eventually.await(timeout, name + " listening on port " + port + " (log: " + dir.resolve(name + ".log") + ")", () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    String log() {
        try {
            String text = Files.readString(dir.resolve(name + ".log"));
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
