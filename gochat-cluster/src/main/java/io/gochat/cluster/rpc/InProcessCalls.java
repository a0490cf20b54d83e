package io.gochat.cluster.rpc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wraps a service of this process so a direct call behaves like an RPC to the caller: a method that
 * answers a future never throws (a failure is a failed future) and times out after the RPC timeout,
 * as a remote call would. No copy, no serialization: arguments and answers are immutable records.
 */
final class InProcessCalls {
    private InProcessCalls() {
    }

    static <T> T wrap(Class<T> iface, T target, Duration timeout) {
        long timeoutMs = timeout.toMillis();
        Object proxy = Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> p == args[0];
                    case "hashCode" -> System.identityHashCode(p);
                    default -> "in-process " + iface.getSimpleName() + " " + target;
                };
            }
            boolean async = CompletableFuture.class.isAssignableFrom(method.getReturnType());
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                if (async) {
                    return CompletableFuture.failedFuture(e.getCause());
                }
                throw e.getCause();
            }
            if (async && result != null) {
                CompletableFuture<?> answer = (CompletableFuture<?>) result;
                return answer.isDone() ? answer : answer.copy().orTimeout(timeoutMs, TimeUnit.MILLISECONDS);
            }
            return result;
        });
        return iface.cast(proxy);
    }
}
