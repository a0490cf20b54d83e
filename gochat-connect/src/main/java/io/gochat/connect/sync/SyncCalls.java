package io.gochat.connect.sync;

import io.gochat.protocol.service.SyncService;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Calls any live logic server's {@link SyncService} (in production {@code RpcClientPool::callAny}). */
@FunctionalInterface
public interface SyncCalls {
    <R> CompletableFuture<R> callAny(Function<SyncService, CompletableFuture<R>> call);
}
