package io.gochat.logic.messages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.cluster.discovery.ClusterNode;
import io.gochat.cluster.discovery.Roles;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.core.config.GochatConfig;
import io.gochat.logic.LogicServer;
import io.gochat.logic.TestLogic;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.DownloadReply;
import io.gochat.protocol.service.LogicService;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.MessageService;
import io.gochat.protocol.service.SendReply;
import io.gochat.protocol.service.TypedSend;
import io.gochat.protocol.service.UploadReply;
import io.gochat.protocol.service.UploadRequest;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import io.gochat.testkit.RelationalDatabases;
import io.gochat.testkit.RelationalDatabases.Engine;
import io.gochat.testkit.RelationalDatabases.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * blob.store=db: two logic servers (as on two hosts, each with its own blob.dir that is never used) share
 * one PostgreSQL or MariaDB; a file uploaded through one is sent and downloaded through the other.
 */
class SharedBlobStoreTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @RegisterExtension
    static RelationalDatabases databases = new RelationalDatabases();
    @TempDir
    Path dir;

    @ParameterizedTest(name = "on {0}")
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void aFileUploadedThroughOneLogicServerIsServedByAnother(Engine engine) throws Exception {
        try (TestDatabase db = databases.create(engine)) {
            GochatConfig base = TestLogic.config(etcd.endpoints(), redis.url(), dir)
                    .with("db.url", db.url()).with("blob.store", "db");
            try (LogicServer one = TestLogic.start(base.with("server.id", "blob-one-" + engine).with("blob.dir", dir.resolve("one").toString()));
                 LogicServer two = TestLogic.start(base.with("server.id", "blob-two-" + engine).with("blob.dir", dir.resolve("two").toString()));
                 ClusterNode client = ClusterNode.join(base, "test", "")) {
                RpcClientPool<LogicService> logic = client.pool(Roles.LOGIC, LogicService.class);
                RpcClientPool<MessageService> messages = client.pool(Roles.LOGIC, MessageService.class);
                Eventually.await(Duration.ofSeconds(10), "both logic servers found", () -> messages.byServerId(one.serverId()).isPresent()
                        && messages.byServerId(two.serverId()).isPresent());
                MessageService viaOne = messages.byServerId(one.serverId()).orElseThrow();
                MessageService viaTwo = messages.byServerId(two.serverId()).orElseThrow();
                AuthReply alice = logic.callAnyBlocking(s -> s.register("sb-alice-" + engine.ordinal(), "pw"));
                AuthReply bob = logic.callAnyBlocking(s -> s.register("sb-bob-" + engine.ordinal(), "pw"));
                long bobId = logic.callAnyBlocking(s -> s.checkAuth(bob.token())).userId();

                byte[] pdf = ("%PDF-1.7\n" + "shared ".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
                UploadReply up = viaOne.upload(MessageCaller.token(alice.token()), new UploadRequest("doc.pdf", "application/pdf", 0, pdf))
                        .get();
                assertEquals(0, up.code(), up.message());
                SendReply sent = viaTwo.send(MessageCaller.token(alice.token()), new TypedSend(bobId, 0, "file",
                        "{\"fileId\":\"" + up.file().id() + "\"}")).get();
                assertEquals(0, sent.code(), "the other server knows the upload: " + sent.message());
                DownloadReply got = viaTwo.download(MessageCaller.token(bob.token()), up.file().id(), false).get();
                assertEquals(0, got.code(), got.message());
                assertArrayEquals(pdf, got.data(), "server two serves the bytes server one stored");
                assertTrue(!java.nio.file.Files.exists(dir.resolve("one")) || isEmpty(dir.resolve("one")),
                        "nothing went to a local directory");
            }
        }
    }

    private static boolean isEmpty(Path p) throws java.io.IOException {
        try (var s = java.nio.file.Files.walk(p)) {
            return s.noneMatch(java.nio.file.Files::isRegularFile);
        }
    }
}
