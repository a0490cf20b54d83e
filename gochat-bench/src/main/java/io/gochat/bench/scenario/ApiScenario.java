package io.gochat.bench.scenario;

import io.gochat.bench.api.ApiClient;
import io.gochat.bench.api.BenchUser;
import io.gochat.bench.api.UserPool;
import io.gochat.bench.cli.BenchArgs;
import io.gochat.bench.client.BenchMessage;
import io.gochat.bench.client.ClientFleet;
import io.gochat.bench.client.ClientKind;
import io.gochat.bench.client.DeliveryMeter;
import io.gochat.bench.client.FleetState;
import io.gochat.bench.client.Transport;
import io.gochat.bench.report.Percentiles;
import io.gochat.bench.report.Result;
import io.gochat.bench.report.ResultsFile;
import io.gochat.bench.server.LoadAverage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Private ({@code /push/push}) and room ({@code /push/pushRoom}) messages through the HTTP API, at a
 * fixed rate or a fixed concurrency, to receivers online over WS: requests/s, reply latency, and whether
 * delivery kept pace with what the API accepted.
 */
public final class ApiScenario {
    private ApiScenario() {
    }

    public static void run(BenchArgs a, ResultsFile out) throws Exception {
        Target target = Target.from(a);
        int receivers = a.integer("receivers", 20);
        int senders = a.integer("senders", 10);
        long room = a.integer("room", 4343);
        long durationMillis = a.integer("duration", 10) * 1000L;
        int concurrency = a.integer("concurrency", 32);
        int rate = a.integer("rate", 0);
        String[] modes = a.string("modes", "private,room").split(",");
        ApiClient setup = new ApiClient(target.api(), 2);
        List<BenchUser> users = UserPool.logIn(setup, a.string("user-prefix", "bench_a"), receivers + senders);
        List<BenchUser> to = users.subList(0, receivers);
        List<BenchUser> from = users.subList(receivers, receivers + senders);
        DeliveryMeter meter = new DeliveryMeter(a.integer("sample", 10));
        try (Transport transport = new Transport(1);
             Transport httpLoops = new Transport(a.integer("http-threads", 1));
             ClientFleet fleet = new ClientFleet(transport, new FleetState(meter), List.of(), 64)) {
            ApiClient api = a.string("http", "netty").equals("jdk") ? new ApiClient(target.api(), a.integer("http-threads", 2))
                    : new ApiClient(new io.gochat.bench.api.NettyHttpPoster(target.api(), httpLoops));
            for (BenchUser u : to) {
                fleet.open(ClientKind.WS, target.host(), target.wsPort(), u.token(), room);
            }
            fleet.awaitConnected(receivers, 10_000, 60_000);
            fleet.awaitQuiet(1500, 60_000);
            long joined = RoomProbe.awaitAllReceive(fleet, () -> api.pushRoom(from.get(0).token(), room, "probe"), 10);
            fleet.awaitQuiet(1500, 60_000);
            System.out.println("api: " + joined + "/" + receivers + " receivers online in room " + room);
            LoadDriver driver = new LoadDriver(new AtomicLong());
            for (String mode : modes) {
                boolean isRoom = mode.trim().equals("room");
                MessageSender send = isRoom
                        ? seq -> api.pushRoom(from.get((int) (seq % from.size())).token(), room,
                                BenchMessage.text(BenchMessage.nowMicros(), seq)).thenApply(ApiClient.Reply::ok)
                        : seq -> api.pushPrivate(from.get((int) (seq % from.size())).token(),
                                to.get((int) (seq % to.size())).userId(), room,
                                BenchMessage.text(BenchMessage.nowMicros(), seq)).thenApply(ApiClient.Reply::ok);
                int warmup = a.integer("warmup", 5);
                if (warmup > 0) {   // JIT and connection pools warm, results discarded
                    driver.closed(concurrency, warmup * 1000L, send);
                    DeliveryWait.await(meter, meter.frames(), Long.MAX_VALUE, 2000);
                    fleet.awaitQuiet(1000, 30_000);
                }
                double load = LoadAverage.oneMinute();
                CpuMeter cpu = CpuMeter.start(a.string("run-dir", "run"));
                meter.takeLatencies();
                meter.takeAfterLogic();
                long base = meter.frames();
                long start = System.nanoTime();
                DriveStats s = rate > 0 ? driver.paced(rate, durationMillis, concurrency, send)
                        : driver.closed(concurrency, durationMillis, send);
                long inWindow = meter.frames() - base;
                long perMessage = isRoom ? joined : 1;
                long expected = s.accepted.sum() * perMessage;
                long delivered = DeliveryWait.await(meter, base, expected, a.integer("drain", 3000));
                double wall = (System.nanoTime() - start) / 1e9;
                Result r = new Result("api-" + (isRoom ? "room" : "private")).put("http", a.string("http", "netty"))
                        .put(rate > 0 ? "targetReqPerSec" : "concurrency", rate > 0 ? rate : concurrency)
                        .put("requests", s.attempted.sum()).put("reqPerSec", s.attempted.sum() / s.seconds())
                        .put("accepted", s.accepted.sum()).put("refused", s.refused.sum()).put("errors", s.errors.sum())
                        .put("receivers", joined).put("expected", expected).put("delivered", delivered)
                        .put("deliveredInWindowRatio", expected == 0 ? 0 : (double) inWindow / expected)
                        .put("deliveredRatio", expected == 0 ? 0 : (double) delivered / expected)
                        .put("deliveriesPerSec", delivered / wall)
                        .put("keptPace", expected > 0 && delivered >= 0.999 * expected).put("load1", load);
                cpu.stop(r);
                Percentiles.put(r, "reply", s.replyLatencies());
                Percentiles.put(r, "e2e", meter.takeLatencies());
                Percentiles.put(r, "afterLogic", meter.takeAfterLogic());
                out.add(r);
                fleet.awaitQuiet(1000, 30_000);
            }
        }
    }
}
