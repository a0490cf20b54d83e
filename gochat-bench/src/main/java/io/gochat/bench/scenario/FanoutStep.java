package io.gochat.bench.scenario;

import io.gochat.bench.client.DeliveryMeter;
import io.gochat.bench.report.Percentiles;
import io.gochat.bench.report.Result;
import io.gochat.bench.server.LoadAverage;
import org.HdrHistogram.Histogram;

/**
 * One fan-out step: room messages at one rate for a fixed time, then the verdict. It keeps pace when the
 * sender held its rate, at least {@code pace} of the deliveries had arrived when the sending window
 * closed (a small backlog), and ≥ 99.9 % had arrived by the end of the drain time.
 */
final class FanoutStep {
    private final LoadDriver driver;
    private final DeliveryMeter meter;
    private final MessageSender send;
    private final long members;
    private final String via;
    private final String runDir;
    private final int maxInFlight;

    FanoutStep(LoadDriver driver, DeliveryMeter meter, MessageSender send, long members, String via, String runDir,
               int maxInFlight) {
        this.driver = driver;
        this.meter = meter;
        this.send = send;
        this.members = members;
        this.via = via;
        this.runDir = runDir;
        this.maxInFlight = maxInFlight;
    }

    Result run(int rate, long stepMillis, long drainMillis, double pace) throws InterruptedException {
        double load = LoadAverage.oneMinute();
        CpuMeter cpu = CpuMeter.start(runDir);
        meter.takeLatencies();
        meter.takeAfterLogic();
        long base = meter.frames();
        long stepStart = System.nanoTime();
        long[] atEnd = new long[1];
        DriveStats s = driver.paced(rate, stepMillis, maxInFlight, send, () -> atEnd[0] = meter.frames());
        long inWindow = atEnd[0] - base;
        long expected = s.accepted.sum() * members;
        long delivered = DeliveryWait.await(meter, base, expected, drainMillis);
        double wallSeconds = (System.nanoTime() - stepStart) / 1e9;
        Histogram latency = meter.takeLatencies();
        double sentRate = s.accepted.sum() / s.seconds();
        double ratio = expected == 0 ? 0 : (double) delivered / expected;
        double inWindowRatio = expected == 0 ? 0 : (double) inWindow / expected;
        boolean kept = ratio >= 0.999 && inWindowRatio >= pace && sentRate >= 0.95 * rate;
        Result r = new Result("fanout-step").put("members", members).put("via", via)
                .put("targetMsgPerSec", rate).put("sentMsgPerSec", sentRate)
                .put("refused", s.refused.sum()).put("errors", s.errors.sum())
                .put("expected", expected).put("delivered", delivered)
                .put("deliveredRatio", ratio).put("inWindowRatio", inWindowRatio)
                .put("deliveriesPerSec", delivered / wallSeconds)
                .put("deliveriesInWindowPerSec", inWindow / s.seconds())
                .put("keptPace", kept).put("load1", load);
        cpu.stop(r);
        Percentiles.put(r, "e2e", latency);
        Percentiles.put(r, "afterLogic", meter.takeAfterLogic());
        if (via.equals("http")) {
            Percentiles.put(r, "apiReply", s.replyLatencies());
        }
        return r;
    }
}
