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
import io.gochat.bench.report.Result;
import io.gochat.bench.report.ResultsFile;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * M members in one room; room messages at rising rates (over HTTP /push/pushRoom or a WS op-3 frame),
 * one {@link FanoutStep} per rate. Reports every step and the highest step that kept pace.
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
        if (via.equals("ws") && tcpMembers >= members) {
            throw new IllegalArgumentException("--send=ws needs at least one WS member (the first one sends)");
        }
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
            FanoutStep step = new FanoutStep(driver, meter, send, joined, via, a.string("run-dir", "run"),
                    a.integer("max-inflight", 256));
            Result best = null;
            for (int rate : rates) {
                Result r = step.run(rate, stepMillis, drainMillis, pace);
                out.add(r);
                if (Boolean.TRUE.equals(r.fields().get("keptPace"))) {
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
