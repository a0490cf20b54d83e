package io.gochat.cluster.security;

import io.gochat.core.lifecycle.StartupException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the RPC port listens, and whether that is allowed without a cluster secret: only a loopback
 * address may go without one (every caller is then on this machine).
 */
public final class BindPolicy {
    private BindPolicy() {
    }

    /** {@code rpc.bind}, or {@code rpc.host} when it is empty. */
    public static String bindHost(String rpcBind, String rpcHost) {
        return rpcBind == null || rpcBind.isBlank() ? rpcHost : rpcBind.trim();
    }

    /** Throws {@link StartupException} when the port would be reachable from other hosts without a credential. */
    public static void check(String bindHost, ClusterCredential credential) {
        if (credential.enabled()) {
            return;
        }
        if (!isLoopback(bindHost)) {
            throw new StartupException("cluster.secret is empty but RPC would listen on " + bindHost
                    + ", reachable from other hosts: set cluster.secret (the same on every server) or bind RPC to loopback");
        }
    }

    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new StartupException("rpc.bind / rpc.host " + host + " does not resolve: " + e.getMessage());
        }
    }
}
