package io.gochat.api.http;

import io.gochat.cluster.rpc.NoServerException;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.LogicService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.dubbo.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls any live logic server (round-robin with failover, from etcd) and turns every failure into
 * an answer the client can read: no logic server, overload, timeout. Never a 500.
 */
public final class LogicGateway {
    public static final String UNAVAILABLE = "logic service unavailable, please try again later";
    private static final Logger log = LoggerFactory.getLogger(LogicGateway.class);

    private final RpcClientPool<LogicService> pool;

    public LogicGateway(RpcClientPool<LogicService> pool) {
        this.pool = pool;
    }

    /**
     * The call's result; on failure the future fails with a {@link BadRequest} whose response tells
     * the client what happened.
     */
    public <T> CompletableFuture<T> call(Function<LogicService, CompletableFuture<T>> call) {
        return callAny(pool, call);
    }

    /** {@link #call} on another service logic exports (contacts, groups), with the same failure answers. */
    public static <S, T> CompletableFuture<T> callAny(RpcClientPool<S> pool, Function<S, CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pool.callAny(call).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(new BadRequest(failure(error)));
            }
        });
        return result;
    }

    static ApiResponse failure(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof NoServerException) {
            log.warn("no logic server to call");
            return ApiResponse.fail(UNAVAILABLE);
        }
        if (cause instanceof RejectedExecutionException) {
            return ApiResponse.fail(String.valueOf(cause.getMessage()));
        }
        if (cause instanceof TimeoutException || cause instanceof RpcException e && e.isTimeout()) {
            log.warn("logic call timed out");
            return ApiResponse.fail("logic service timed out, please try again");
        }
        if (cause instanceof RpcException e && (e.isNetwork() || e.isForbidden())) {
            log.warn("logic unreachable: {}", firstLine(e));
            return ApiResponse.fail(UNAVAILABLE);
        }
        log.warn("logic call failed: {}", firstLine(cause));
        return ApiResponse.fail("logic service error, please try again");
    }

    private static String firstLine(Throwable t) {
        String m = t.getClass().getSimpleName() + ": " + t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
