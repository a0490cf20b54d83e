package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.ApiServer;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that lost the answer to a send and sends again with the same {@code clientMsgId} gets code 0 again,
 * and the message is stored (and delivered) once; without a client message id, or with another, it is a new one.
 */
class IdempotentSendTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    Path dir;

    @Test
    void aSendRetriedWithTheSameClientMessageIdIsStoredOnce() {
        try (LocalCluster cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir, LocalCluster.Layout.ONE_PROCESS)) {
            cluster.logic();
            ApiServer apiServer = cluster.api();
            ApiClient api = new ApiClient(apiServer.port());
            String alice = api.token("alice");
            String bob = api.token("bob");
            String bobId = String.valueOf(api.userId(bob));
            for (int attempt = 0; attempt < 3; attempt++) {
                JsonNode r = api.post("/push/push", "authToken", alice, "msg", "once", "toUserId", bobId,
                        "clientMsgId", "a-1");
                assertEquals(0, r.get("code").asInt(), r.toString());
            }
            assertEquals(0, api.post("/push/push", "authToken", alice, "msg", "twice", "toUserId", bobId,
                    "clientMsgId", "a-2").get("code").asInt());
            assertEquals(0, api.post("/push/push", "authToken", alice, "msg", "no id", "toUserId", bobId)
                    .get("code").asInt());
            JsonNode tooLong = api.post("/push/push", "authToken", alice, "msg", "x", "toUserId", bobId,
                    "clientMsgId", "c".repeat(65));
            assertEquals(1, tooLong.get("code").asInt(), tooLong.toString());

            JsonNode history = api.post("/history/since", "authToken", bob);
            assertEquals(0, history.get("code").asInt(), history.toString());
            StringBuilder texts = new StringBuilder();
            history.get("data").forEach(m -> texts.append(m.get("msg").asText()).append('|'));
            assertEquals("once|twice|no id|", texts.toString());
        }
    }
}
