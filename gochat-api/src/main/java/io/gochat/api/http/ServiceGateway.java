package io.gochat.api.http;

import io.gochat.cluster.rpc.RpcClientPool;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A call's fields may be read inside {@code call} (after the session check): a {@link BadRequest} thrown
 * there is answered as it is, not as a failure of logic.
 *
 * <p>{@link LogicGateway} for the other services logic exports (groups, ...): any live logic server, and every
 * failure turned into an answer the client can read.
 */
public final class ServiceGateway<S> {
    private final RpcClientPool<S> pool;

    public ServiceGateway(RpcClientPool<S> pool) {
        this.pool = pool;
    }

    public <T> CompletableFuture<T> call(Function<S, CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pool.callAny(call).whenComplete((value, error) -> {
            Throwable cause = error;
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (error == null) {
                result.complete(value);
            } else if (cause instanceof BadRequest bad) {
                result.completeExceptionally(bad);
            } else {
                result.completeExceptionally(new BadRequest(LogicGateway.failure(error)));
            }
        });
        return result;
    }
}
