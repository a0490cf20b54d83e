package io.gochat.cluster.security;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcContext;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.ScopeModelAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs first on every incoming RPC: a call without a valid cluster credential is refused before any
 * other filter or the service sees it, and logged (per method the 1st, 2nd, 4th, ... and every 1000th
 * refusal, so a scan cannot flood the log). Fails closed: a runtime that registered no credential refuses everything.
 */
@Activate(group = CommonConstants.PROVIDER, order = -30000)
public final class ClusterAuthProviderFilter implements Filter, ScopeModelAware {
    private static final Logger log = LoggerFactory.getLogger(ClusterAuthProviderFilter.class);
    private static final AtomicLong REFUSED = new AtomicLong();
    /** Refusals per method: the first of each is always logged (methods are few, so this stays small). */
    private static final java.util.Map<String, AtomicLong> PER_METHOD = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile ApplicationModel application;

    @Override
    public void setApplicationModel(ApplicationModel applicationModel) {
        this.application = applicationModel;
    }

    static ClusterCredential credentialOf(ApplicationModel application) {
        return application == null ? null : application.getBeanFactory().getBean(ClusterCredential.class);
    }

    /** Refused calls so far, in this JVM (tests, metrics). */
    public static long refused() {
        return REFUSED.get();
    }

    /** The peer's socket address as is (Dubbo's own string rewrites 127.x into this host's address). */
    private static String caller() {
        java.net.InetSocketAddress a = RpcContext.getServiceContext().getRemoteAddress();
        return a == null || a.getAddress() == null ? "unknown" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        ClusterCredential credential = credentialOf(application);
        String service = invoker.getInterface().getName();
        String method = invocation.getMethodName();
        String problem = credential == null ? "no cluster credential configured on this server"
                : credential.enabled()
                ? credential.problem(invocation.getAttachment(ClusterCredential.ATTACHMENT), service, method) : null;
        if (problem == null) {
            return invoker.invoke(invocation);
        }
        long total = REFUSED.incrementAndGet();
        String what = invoker.getInterface().getSimpleName() + "." + method;
        long n = PER_METHOD.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
        if (Long.bitCount(n) == 1 || n % 1000 == 0) {
            log.warn("refused RPC {} from {}: {} ({} refused so far)", what, caller(), problem, total);
        }
        throw new RpcException(RpcException.FORBIDDEN_EXCEPTION, "refused: " + problem);
    }
}
