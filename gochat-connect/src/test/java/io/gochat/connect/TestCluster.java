package io.gochat.connect;

import io.gochat.common.config.ConfigKeys;
import io.gochat.common.config.GochatConfig;
import io.gochat.common.discovery.ClusterNode;
import io.gochat.common.discovery.Roles;
import io.gochat.common.rpc.RpcClientPool;
import io.gochat.common.service.ConnectService;
import io.gochat.common.service.LogicService;
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
        logicNode.register("", Map.of());
        callerNode = ClusterNode.join(base(), Roles.TASK, null);
        connectServers = callerNode.pool(Roles.CONNECT, ConnectService.class);
    }

    public GochatConfig base() {
        return GochatConfig.defaults()
                .with(ConfigKeys.ETCD_ENDPOINTS, etcd)
                .with(ConfigKeys.LISTEN_HOST, "127.0.0.1")
                .with(ConfigKeys.RPC_HOST, "127.0.0.1")
                .with(ConfigKeys.CONNECT_WS_PORT, 0)
                .with(ConfigKeys.CONNECT_TCP_PORT, 0)
                .with(ConfigKeys.CONNECT_BUCKETS, 4)
                .with(ConfigKeys.CONNECT_AUTH_TIMEOUT, "1500ms")
                .with(ConfigKeys.CONNECT_IDLE_TIMEOUT, "3s")
                .with(ConfigKeys.CONNECT_TCP_IDLE_TIMEOUT, "3s");
    }

    /** Starts a connect server and waits until the caller node sees it in etcd. */
    public ConnectServer start(ConnectServer.Transport transport, GochatConfig config) {
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
                .mapToInt(t -> t.proxy().pushToRoom(roomId, body).join())
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
