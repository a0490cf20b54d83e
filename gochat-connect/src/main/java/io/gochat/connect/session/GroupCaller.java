package io.gochat.connect.session;

import io.gochat.protocol.service.GroupService;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Calls any live logic server's {@link GroupService} (in production {@code RpcClientPool::callAny}). */
@FunctionalInterface
public interface GroupCaller {
    <R> CompletableFuture<R> callAny(Function<GroupService, CompletableFuture<R>> call);
}
