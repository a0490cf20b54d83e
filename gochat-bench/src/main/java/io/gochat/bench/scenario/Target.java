package io.gochat.bench.scenario;

import io.gochat.bench.cli.BenchArgs;

/** Where the system under test listens (defaults: run.sh's ports on this machine). */
public record Target(String host, int wsPort, int tcpPort, String api) {
    public static Target from(BenchArgs a) {
        String host = a.string("host", "127.0.0.1");
        return new Target(host, a.integer("ws-port", 7000), a.integer("tcp-port", 7001),
                a.string("api", "http://" + host + ":" + a.integer("api-port", 7070)));
    }

    public int port(io.gochat.bench.client.ClientKind kind) {
        return kind == io.gochat.bench.client.ClientKind.WS ? wsPort : tcpPort;
    }
}
