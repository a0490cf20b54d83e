package io.gochat.connect.session;

import io.gochat.protocol.service.LogicService;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Calls any live logic server (in production {@code RpcClientPool::callAny}, with failover). */
@FunctionalInterface
public interface LogicCaller {
    <R> CompletableFuture<R> callAny(Function<LogicService, CompletableFuture<R>> call);
}
