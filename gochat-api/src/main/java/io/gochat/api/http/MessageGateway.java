package io.gochat.api.http;

import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.MessageService;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Calls any live logic server's {@link MessageService}; failures become answers as in {@link LogicGateway}. */
public final class MessageGateway {
    private final RpcClientPool<MessageService> pool;

    public MessageGateway(RpcClientPool<MessageService> pool) {
        this.pool = pool;
    }

    public <T> CompletableFuture<T> call(Function<MessageService, CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pool.callAny(call).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(new BadRequest(LogicGateway.failure(error)));
            }
        });
        return result;
    }
}
