package io.gochat.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code gochat_api_requests_seconds{route,code}}: every answered request, by route (the registered path,
 * or {@code unmatched}) and envelope code (0, 1, 40000), with a latency histogram. The timers of a route
 * are made on its first request and kept in an array by code, so a request costs one map read.
 */
public final class ApiMetrics {
    static final String START = "gochat.start";
    static final String CODE = "gochat.code";
    private static final int[] CODES = {0, 1, 40000};

    private final MeterRegistry registry;
    private final Map<String, Timer[]> byRoute = new ConcurrentHashMap<>();

    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void addTo(RoutesConfig routes) {
        routes.before(ctx -> ctx.attribute(START, System.nanoTime()));
        routes.after(this::record);
    }

    private void record(Context ctx) {
        Long start = ctx.attribute(START);
        if (start == null) {
            return;
        }
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? "unmatched" : matched.path;
        Integer code = ctx.attribute(CODE);
        Timer[] timers = byRoute.computeIfAbsent(route, this::timers);
        timers[index(code)].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private static int index(Integer code) {
        if (code == null) {
            return CODES.length;   // not an envelope (a docs page, a CORS preflight)
        }
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i] == code) {
                return i;
            }
        }
        return CODES.length;
    }

    private Timer[] timers(String route) {
        Timer[] t = new Timer[CODES.length + 1];
        for (int i = 0; i <= CODES.length; i++) {
            t[i] = Timer.builder("gochat.api.requests").tag("route", route)
                    .tag("code", i < CODES.length ? String.valueOf(CODES[i]) : "none")
                    .description("HTTP API requests by route and envelope code").publishPercentileHistogram()
                    .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        }
        return t;
    }
}
