package io.gochat.bench.scenario;

import io.gochat.bench.cli.BenchArgs;
import io.gochat.bench.client.ClientFleet;
import io.gochat.bench.client.ClientKind;
import io.gochat.bench.client.DeliveryMeter;
import io.gochat.bench.client.FleetState;
import io.gochat.bench.client.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process of {@code connections}: opens its share of idle connections (connection g uses user
 * g % users and room 1 + g % rooms), prints {@code OPENED <connected> <failed> <seconds>}, then holds them until its
 * standard input closes; a {@code status} line on stdin answers {@code STATUS <connected> <closed> <joined>}.
 */
public final class ConnectionWorker {
    private ConnectionWorker() {
    }

    public static void run(BenchArgs a) throws Exception {
        Target target = Target.from(a);
        List<String> tokens = Files.readAllLines(Path.of(a.string("tokens", "")));
        int ws = a.integer("ws", 0);
        int tcp = a.integer("tcp", 0);
        int offset = a.integer("offset", 0);
        int rooms = a.integer("rooms", 1000);
        List<String> local = a.string("local", "").isEmpty() ? List.of() : List.of(a.string("local", "").split(","));
        FleetState state = new FleetState(new DeliveryMeter(Integer.MAX_VALUE));
        try (Transport transport = new Transport(1);
             ClientFleet fleet = new ClientFleet(transport, state, local, a.integer("in-flight", 200))) {
            double perSecond = a.decimal("rate", 0);   // connections/s of this process; 0 = as fast as it goes
            long start = System.nanoTime();
            for (int i = 0; i < ws + tcp; i++) {
                if (perSecond > 0) {
                    long due = start + (long) (i * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                int g = offset + i;
                ClientKind kind = i < ws ? ClientKind.WS : ClientKind.TCP;
                fleet.open(kind, target.host(), target.port(kind), tokens.get(g % tokens.size()), 1 + g % rooms);
            }
            // join notices are coalesced per room, so they cannot confirm each join: wait for the sockets
            // (WS: handshake done) and let the parent wait out the auth deadline before it counts
            long connected = fleet.awaitConnected(ws + tcp, 15_000, 600_000);
            double seconds = (System.nanoTime() - start) / 1e9;   // this process's storm, without its JVM start
            System.out.println("OPENED " + connected + " " + state.failed.sum() + " " + seconds + " " + state);
            System.out.flush();
            var stdin = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
            for (String line; (line = stdin.readLine()) != null; ) {   // hold until the parent closes stdin
                if (line.equals("status")) {
                    System.out.println("STATUS " + state.connected.sum() + " " + state.closed.sum() + " " + state.joined.sum());
                    System.out.flush();
                }
            }
        }
    }
}
