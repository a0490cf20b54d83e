package io.gochat.common.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.gochat.common.lifecycle.StartupException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A jetcd client that has been shown to reach etcd. jetcd retries an unreachable endpoint forever,
 * so every call here has a deadline and start-up fails within seconds instead of hanging.
 */
public final class EtcdConnection implements AutoCloseable {
    private final Client client;
    private final Duration timeout;

    private EtcdConnection(Client client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    public static EtcdConnection connect(List<String> endpoints, Duration timeout) {
        if (endpoints.isEmpty()) {
            throw new StartupException("etcd.endpoints is empty");
        }
        String[] urls = endpoints.stream().map(EtcdConnection::withScheme).toArray(String[]::new);
        Client client;
        try {
            client = Client.builder().endpoints(urls).connectTimeout(timeout).build();
        } catch (RuntimeException e) {
            throw new StartupException("bad etcd.endpoints " + endpoints + ": " + e.getMessage());
        }
        try {
            client.getKVClient().get(ByteSequence.from(Roles.ROOT, StandardCharsets.UTF_8))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            client.close();
            throw new StartupException("etcd not reachable at " + String.join(",", urls) + " within " + timeout.toSeconds() + "s");
        } catch (Exception e) {
            client.close();
            throw new StartupException("etcd not reachable at " + String.join(",", urls) + ": " + rootMessage(e));
        }
        return new EtcdConnection(client, timeout);
    }

    static String withScheme(String endpoint) {
        return endpoint.contains("://") ? endpoint : "http://" + endpoint;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public Client client() {
        return client;
    }

    /** The deadline for one etcd call. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        client.close();
    }
}
