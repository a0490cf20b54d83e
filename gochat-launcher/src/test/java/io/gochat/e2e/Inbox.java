package io.gochat.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.core.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** What one client received: frames are parsed and kept, so a test can wait for one that matches. */
final class Inbox {
    private final String name;
    private final BlockingQueue<String> incoming;
    private final List<JsonNode> seen = new ArrayList<>();

    Inbox(String name, BlockingQueue<String> incoming) {
        this.name = name;
        this.incoming = incoming;
    }

    /** Waits for a frame matching {@code match} (frames before it are kept, not lost). */
    synchronized JsonNode await(Duration timeout, String what, Predicate<JsonNode> match) {
        for (JsonNode n : seen) {
            if (match.test(n)) {
                seen.remove(n);
                return n;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String text;
            try {
                text = left <= 0 ? null : incoming.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
            if (text == null) {
                throw new AssertionError(name + " never got " + what + "; it got " + seen);
            }
            JsonNode node = parse(text);
            if (match.test(node)) {
                return node;
            }
            seen.add(node);
        }
    }

    /** Drains what arrived so far and returns the frames matching {@code match}. */
    synchronized List<JsonNode> received(Predicate<JsonNode> match) {
        List<String> drained = new ArrayList<>();
        incoming.drainTo(drained);
        drained.forEach(t -> seen.add(parse(t)));
        return seen.stream().filter(match).toList();
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("a client got a frame that is not JSON: " + text);
        }
    }

    static Predicate<JsonNode> op(int op) {
        return n -> n.path("op").asInt() == op;
    }

    static Predicate<JsonNode> text(String msg) {
        return n -> msg.equals(n.path("msg").asText(null));
    }
}
