package io.gochat.bench;

import io.gochat.bench.cli.BenchArgs;
import io.gochat.bench.report.ResultsFile;
import io.gochat.bench.scenario.ApiScenario;
import io.gochat.bench.scenario.ConnectionWorker;
import io.gochat.bench.scenario.ConnectionsScenario;
import io.gochat.bench.scenario.FanoutScenario;

/** {@code java -jar bench.jar connections|fanout|api|jmh [--key=value ...]}; see gochat-bench/README.md. */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] argv) throws Exception {
        BenchArgs a = BenchArgs.parse(argv);
        ResultsFile out = new ResultsFile();
        switch (a.command()) {
            case "connections" -> ConnectionsScenario.run(a, out);
            case "fanout" -> FanoutScenario.run(a, out);
            case "api" -> ApiScenario.run(a, out);
            case "conn-worker" -> {
                ConnectionWorker.run(a);
                return;
            }
            case "jmh" -> {
                org.openjdk.jmh.Main.main(a.rest().toArray(String[]::new));
                return;
            }
            default -> {
                System.out.println("""
                        usage: java -jar bench.jar COMMAND [--key=value ...]
                          connections --ws=N | --tcp=N [--procs=3 --users=200 --rooms=1000 --run-dir=run | --pid=PID]
                          fanout      [--members=1000 --tcp-members=0 --rates=50,100,200,400,800 --step=10 --send=http|ws --sample=N --all]
                          api         [--modes=private,room --receivers=20 --senders=10 --concurrency=32 | --rate=R --duration=10]
                          jmh         [JMH options, e.g. -f 1 -wi 2 -i 3]
                        common: --host=127.0.0.1 --ws-port=7000 --tcp-port=7001 --api-port=7070 --out=FILE.json""");
                return;
            }
        }
        out.write(a.string("out", ""));
        System.exit(0);
    }
}
