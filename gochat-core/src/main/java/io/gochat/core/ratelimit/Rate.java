package io.gochat.core.ratelimit;

import io.gochat.core.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One limit of a config value such as {@code 10/1m}: at most {@code count} per {@code period}, refilled
 * gradually (a token bucket of that capacity). Several limits combine ({@code 5/1m,30/1h}: both hold);
 * {@code off} (or {@code 0}) is no limit.
 */
public record Rate(long count, Duration period) {
    public Rate {
        if (count < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate needs a positive count and period");
        }
    }

    /** Parses {@code 10/1m}, {@code 5/1m,30/1h}, {@code off}; an empty list means no limit. */
    public static List<Rate> parseAll(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || t.equals("off") || t.equals("0")) {
            return List.of();
        }
        List<Rate> rates = new ArrayList<>();
        for (String part : t.split(",")) {
            String[] p = part.trim().split("/");
            if (p.length != 2) {
                throw new IllegalArgumentException("not a rate: " + part);
            }
            rates.add(new Rate(Long.parseLong(p[0].trim()), Durations.parse(p[1].trim())));
        }
        return List.copyOf(rates);
    }

    @Override
    public String toString() {
        return count + "/" + period;
    }
}
