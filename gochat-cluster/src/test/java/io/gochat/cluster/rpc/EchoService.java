package io.gochat.cluster.rpc;

import java.util.concurrent.CompletableFuture;

/** A tiny RPC interface for discovery tests. */
public interface EchoService {
    String whoAreYou();

    CompletableFuture<String> echo(String text);
}
