package io.gochat.bench.api;

/** A logged-in bench user. */
public record BenchUser(String name, long userId, String token) {
}
