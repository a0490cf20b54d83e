package io.gochat.connect.messages;

import io.gochat.protocol.service.MessageService;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Calls any live logic server's {@link MessageService} (in production {@code RpcClientPool::callAny}). */
@FunctionalInterface
public interface MessageCalls {
    <R> CompletableFuture<R> callAny(Function<MessageService, CompletableFuture<R>> call);
}
