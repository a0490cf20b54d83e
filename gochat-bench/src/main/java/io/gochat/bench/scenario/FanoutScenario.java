package io.gochat.bench.scenario;

import io.gochat.bench.api.ApiClient;
import io.gochat.bench.api.BenchUser;
import io.gochat.bench.api.UserPool;
import io.gochat.bench.cli.BenchArgs;
import io.gochat.bench.client.AuthFrames;
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
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * M members in one room; room messages at rising rates (over HTTP /push/pushRoom or a WS op-3 frame);
 * each step checks that ≥ 99.9 % of the deliveries arrived within the drain time and that the sender
 * kept its rate. Reports every step and the highest step that kept pace.
 */
public final class FanoutScenario {
    private FanoutScenario() {
    }

    public static void run(BenchArgs a, ResultsFile out) throws Exception {
        Target target = Target.from(a);
        int members = a.integer("members", 1000);
        int tcpMembers = a.integer("tcp-members", 0);
        long room = a.integer("room", 4242);
        int[] rates = a.integers("rates", "50,100,200,400,800,1600");
        long stepMillis = a.integer("step", 10) * 1000L;
        long drainMillis = a.integer("drain", 2000);
        String via = a.string("send", "http");
        int sampleEvery = a.integer("sample", Math.max(1, members / 20));
        boolean all = a.flag("all");
        double pace = a.decimal("pace", 0.95);
        ApiClient setup = new ApiClient(target.api(), 2);
        List<BenchUser> users = UserPool.logIn(setup, a.string("user-prefix", "bench_f"), a.integer("users", 50));
        System.out.printf("fanout: %d members (%d TCP) in room %d, %d users, sending over %s%n",
                members, tcpMembers, room, users.size(), via);
        DeliveryMeter meter = new DeliveryMeter(sampleEvery);
        try (Transport transport = new Transport(a.integer("threads", 1));
             ClientFleet fleet = new ClientFleet(transport, new FleetState(meter), List.of(), 256)) {
            ApiClient api = new ApiClient(new io.gochat.bench.api.NettyHttpPoster(target.api(), transport));
            Channel wsSender = null;
            for (int i = 0; i < members; i++) {
                ClientKind kind = i < members - tcpMembers ? ClientKind.WS : ClientKind.TCP;
                Channel ch = fleet.open(kind, target.host(), target.port(kind), users.get(i % users.size()).token(), room);
                if (i == 0) {
                    wsSender = ch;
                }
            }
            fleet.awaitConnected(members, 20_000, 300_000);
            fleet.awaitQuiet(2000, 300_000);
            BenchUser sender = users.get(0);
            long joined = RoomProbe.awaitAllReceive(fleet, () -> api.pushRoom(sender.token(), room, "probe"), 10);
            fleet.awaitQuiet(2000, 60_000);
            System.out.println("fanout: " + joined + "/" + members + " members receive room messages (" + fleet.state() + ")");
            Channel socket = wsSender;
            MessageSender send = via.equals("ws")
                    ? seq -> {
                        ClientFleet.sendWsText(socket, AuthFrames.roomMessage(BenchMessage.text(BenchMessage.nowMicros(), seq)));
                        return CompletableFuture.completedFuture(true);
                    }
                    : seq -> api.pushRoom(sender.token(), room, BenchMessage.text(BenchMessage.nowMicros(), seq))
                            .thenApply(ApiClient.Reply::ok);
            LoadDriver driver = new LoadDriver(new AtomicLong());
            int warmup = a.integer("warmup", 5);
            if (warmup > 0) {   // JIT warm-up at the first rate, results discarded
                driver.paced(rates[0], warmup * 1000L, a.integer("max-inflight", 256), send);
                fleet.awaitQuiet(1000, 60_000);
            }
            Result best = null;
            for (int rate : rates) {
                double load = LoadAverage.oneMinute();
                CpuMeter cpu = CpuMeter.start(a.string("run-dir", "run"));
                meter.takeLatencies();
                meter.takeAfterLogic();
                long base = meter.frames();
                long stepStart = System.nanoTime();
                long[] atEnd = new long[1];
                DriveStats s = driver.paced(rate, stepMillis, a.integer("max-inflight", 256), send,
                        () -> atEnd[0] = meter.frames());
                long inWindow = atEnd[0] - base;
                long expected = s.accepted.sum() * joined;
                long delivered = DeliveryWait.await(meter, base, expected, drainMillis);
                double wallSeconds = (System.nanoTime() - stepStart) / 1e9;
                Histogram lat = meter.takeLatencies();
                double sentRate = s.accepted.sum() / s.seconds();
                double ratio = expected == 0 ? 0 : (double) delivered / expected;
                // keeping pace: the sender held its rate, the backlog at the end of the step was under 5 % of
                // the step (≈ 0.5 s of traffic), and ≥ 99.9 % had arrived by the end of the drain time
                double inWindowRatio = expected == 0 ? 0 : (double) inWindow / expected;
                boolean kept = ratio >= 0.999 && inWindowRatio >= pace && sentRate >= 0.95 * rate;
                Result r = new Result("fanout-step").put("members", joined).put("via", via)
                        .put("targetMsgPerSec", rate).put("sentMsgPerSec", sentRate)
                        .put("refused", s.refused.sum()).put("errors", s.errors.sum())
                        .put("expected", expected).put("delivered", delivered).put("deliveredRatio", ratio).put("inWindowRatio", inWindowRatio)
                        .put("deliveriesPerSec", delivered / wallSeconds).put("deliveriesInWindowPerSec", inWindow / s.seconds())
                        .put("keptPace", kept).put("load1", load);
                cpu.stop(r);
                Percentiles.put(r, "e2e", lat);
                Percentiles.put(r, "afterLogic", meter.takeAfterLogic());
                if (via.equals("http")) {
                    Percentiles.put(r, "apiReply", s.replyLatencies());
                }
                out.add(r);
                if (kept) {
                    best = r;
                } else if (!all) {
                    break;
                }
                fleet.awaitQuiet(1000, 30_000);
            }
            Result summary = new Result("fanout").put("members", joined).put("via", via);
            if (best != null) {
                best.fields().forEach((k, v) -> {
                    if (!k.equals("scenario")) {
                        summary.put(k, v);
                    }
                });
            } else {
                summary.put("keptPace", false);
            }
            out.add(summary);
        }
    }
}
