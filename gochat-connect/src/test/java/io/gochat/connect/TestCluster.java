package io.gochat.connect;

import io.gochat.connect.transport.Transport;
import io.gochat.cluster.ClusterConfigKeys;
import io.gochat.core.config.CoreConfigKeys;
import io.gochat.core.config.ConfigKeys;
import io.gochat.core.config.GochatConfig;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.ConnectService;
import io.gochat.protocol.service.LogicService;
import io.gochat.testkit.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real little cluster around the connect servers under test: a test logic exported over Dubbo and
 * registered in etcd as role logic, and a "task"-like node that finds connect servers through etcd.
 */
public final class TestCluster implements AutoCloseable {
    public final FakeLogic logic = new FakeLogic();
    private final String etcd;
    private final ClusterNode logicNode;
    private final ClusterNode callerNode;
    public final RpcClientPool<ConnectService> connectServers;
    private final List<ConnectServer> started = new ArrayList<>();

    public TestCluster(String etcdEndpoints) {
        this.etcd = etcdEndpoints;
        logicNode = ClusterNode.join(base(), Roles.LOGIC, null);
        logicNode.export(LogicService.class, logic);
        logicNode.export(io.gochat.protocol.service.GroupService.class, noGroups());
        logicNode.register("", Map.of());
        callerNode = ClusterNode.join(base(), Roles.TASK, null);
        connectServers = callerNode.pool(Roles.CONNECT, ConnectService.class);
    }

    /** Logic's group service for tests about other things: nobody is in any group. */
    static io.gochat.protocol.service.GroupService noGroups() {
        return (io.gochat.protocol.service.GroupService) java.lang.reflect.Proxy.newProxyInstance(
                io.gochat.protocol.service.GroupService.class.getClassLoader(),
                new Class<?>[] {io.gochat.protocol.service.GroupService.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "groupsOf" -> java.util.concurrent.CompletableFuture.completedFuture(new ArrayList<Long>());
                    case "toString" -> "no groups";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    default -> java.util.concurrent.CompletableFuture.completedFuture(
                            io.gochat.protocol.service.GroupReply.refused("groups are not served by this test logic"));
                });
    }

    public GochatConfig base() {
        return GochatConfig.defaults()
                .with(ClusterConfigKeys.ETCD_ENDPOINTS, etcd)
                .with(CoreConfigKeys.LISTEN_HOST, "127.0.0.1")
                .with(ClusterConfigKeys.RPC_HOST, "127.0.0.1")
                .with(CoreConfigKeys.CONNECT_WS_PORT, 0)
                .with(CoreConfigKeys.CONNECT_TCP_PORT, 0)
                .with(ConnectConfigKeys.CONNECT_BUCKETS, 4)
                .with(ConnectConfigKeys.CONNECT_AUTH_TIMEOUT, "1500ms")
                .with(ConnectConfigKeys.CONNECT_IDLE_TIMEOUT, "3s")
                .with(ConnectConfigKeys.CONNECT_TCP_IDLE_TIMEOUT, "3s");
    }

    /** Starts a connect server and waits until the caller node sees it in etcd. */
    public ConnectServer start(Transport transport, GochatConfig config) {
        ConnectServer server = new ConnectServer(config, transport);
        server.start();
        started.add(server);
        Eventually.await(Duration.ofSeconds(10), "connect server " + server.serverId() + " visible in etcd",
                () -> connectServers.byServerId(server.serverId()).isPresent());
        return server;
    }

    /** Pushes to the room on every connect server found in etcd, as task does; answers the total. */
    public int pushToRoomEverywhere(long roomId, String body) {
        return connectServers.targets().stream()
                .mapToInt(t -> t.proxy().deliver(java.util.List.of(io.gochat.protocol.service.Delivery.toRoom(roomId, body))).join())
                .sum();
    }

    public ConnectService connectService(ConnectServer server) {
        return connectServers.byServerId(server.serverId()).orElseThrow();
    }

    @Override
    public void close() {
        started.forEach(ConnectServer::close);
        callerNode.close();
        logicNode.close();
    }
}
