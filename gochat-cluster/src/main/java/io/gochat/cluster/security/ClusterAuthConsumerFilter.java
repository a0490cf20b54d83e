package io.gochat.cluster.security;

import org.apache.dubbo.common.constants.CommonConstants;
import org.apache.dubbo.common.extension.Activate;
import org.apache.dubbo.rpc.Filter;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcException;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.ScopeModelAware;

/** Every outgoing RPC of this process carries the cluster credential (registered by {@code RpcRuntime}). */
@Activate(group = CommonConstants.CONSUMER, order = -30000)
public final class ClusterAuthConsumerFilter implements Filter, ScopeModelAware {
    private volatile ApplicationModel application;

    @Override
    public void setApplicationModel(ApplicationModel applicationModel) {
        this.application = applicationModel;
    }

    @Override
    public Result invoke(Invoker<?> invoker, Invocation invocation) throws RpcException {
        ClusterCredential credential = ClusterAuthProviderFilter.credentialOf(application);
        if (credential != null && credential.enabled()) {
            invocation.setAttachment(ClusterCredential.ATTACHMENT,
                    credential.sign(invoker.getInterface().getName(), invocation.getMethodName()));
        }
        return invoker.invoke(invocation);
    }
}
