package io.gochat.bench.api;

import java.util.concurrent.CompletableFuture;

/** POSTs a JSON body, completes with the response body. */
public interface HttpPoster {
    CompletableFuture<byte[]> post(String path, String json);
}
