package io.gochat.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.protocol.service.LogicService;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The same secret-bearing setup an operator runs: Redis with a password in {@code redis.url}, etcd with
 * authentication ({@code etcd.user}/{@code etcd.password}) and a cluster secret. Logic works with them,
 * fails clearly without them, and no log line or error carries any of the three secrets.
 */
class CredentialsTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    static Path dir;

    static final String REDIS_PW = "redis-pw-7f3a9c";
    static final String ETCD_PW = "etcd-pw-91c2b4";
    static final String CLUSTER_SECRET = "cluster-secret-5e8d-0a1b2c3d";

    @BeforeAll
    static void lockDown() throws Exception {
        try (Jedis jedis = redis.jedis()) {
            jedis.configSet("requirepass", REDIS_PW);
        }
        try (Client root = Client.builder().endpoints(etcd.endpoints()).build()) {
            var auth = root.getAuthClient();
            auth.roleAdd(bs("root")).get();
            auth.userAdd(bs("root"), bs(ETCD_PW)).get();
            auth.userGrantRole(bs("root"), bs("root")).get();
            auth.authEnable().get();
        }
    }

    static ByteSequence bs(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    GochatConfig config() {
        return TestLogic.config(etcd.endpoints(), "redis://:" + REDIS_PW + "@127.0.0.1:" + redis.port() + "/0", dir)
                .with("etcd.user", "root")
                .with("etcd.password", ETCD_PW)
                .with("cluster.secret", CLUSTER_SECRET)
                .with("startup.timeout", "30s");
    }

    @Test
    void logicRunsWithPasswordProtectedRedisAndEtcdAndNeverLogsASecret() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream realErr = System.err;
        PrintStream realOut = System.out;
        System.setErr(new PrintStream(new Tee(realErr, log), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(realOut, log), true, StandardCharsets.UTF_8));
        try {
            GochatConfig config = config();
            LogicServer logic = TestLogic.start(config);
            try (ClusterNode client = ClusterNode.join(config, "test", "")) {
                RpcClientPool<LogicService> pool = client.pool(Roles.LOGIC, LogicService.class);
                Eventually.await(Duration.ofSeconds(10), "logic found in etcd", () -> pool.targets().size() == 1);
                assertEquals(0, pool.callAnyBlocking(s -> s.register("carl", "pw")).code());
            } finally {
                logic.close();
            }
            StartupException noRedisPassword = assertThrows(StartupException.class, () -> TestLogic.start(
                    config.with("redis.url", "redis://:wrong-" + REDIS_PW + "@127.0.0.1:" + redis.port() + "/0")
                            .with("startup.timeout", "2s")));
            realErr.println("expected failure: " + noRedisPassword.getMessage());
            StartupException noEtcdUser = assertThrows(StartupException.class,
                    () -> TestLogic.start(config.with("etcd.password", "wrong-" + ETCD_PW).with("startup.timeout", "2s")));
            realErr.println("expected failure: " + noEtcdUser.getMessage());
            assertTrue(config.toString().contains("***"));
        } finally {
            System.setErr(realErr);
            System.setOut(realOut);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("registered user"), "the log was captured");
        for (String secret : new String[] {REDIS_PW, ETCD_PW, CLUSTER_SECRET}) {
            assertFalse(text.contains(secret), "a secret in the log: " + secret);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
