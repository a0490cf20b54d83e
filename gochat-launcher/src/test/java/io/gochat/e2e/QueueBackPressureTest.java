package io.gochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gochat.api.ApiServer;
import io.gochat.testkit.EtcdExtension;
import io.gochat.testkit.Eventually;
import io.gochat.testkit.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Back-pressure instead of loss: with no task running, a queue partition fills up to {@code queue.maxLength};
 * then a send to a conversation of that partition gets code 1 with a sentence saying the queue is full, is
 * neither stored nor queued, and is counted; once a task drains the partition, sends are accepted again and
 * everything accepted before is delivered.
 */
class QueueBackPressureTest {
    @RegisterExtension
    static EtcdExtension etcd = new EtcdExtension();
    @RegisterExtension
    static RedisExtension redis = new RedisExtension();
    @TempDir
    Path dir;

    @Test
    void aFullPartitionAnswersBusyAndNothingAcceptedIsLost() {
        try (LocalCluster cluster = new LocalCluster(etcd.endpoints(), redis.url(), dir, LocalCluster.Layout.ONE_PROCESS,
                c -> c.with("queue.maxLength", 5).with("queue.partitions", 2).with("queue.name", "bp"))) {
            cluster.logic();
            ApiServer apiServer = cluster.api();
            ApiClient api = new ApiClient(apiServer.port());
            String token = api.token("filler");
            List<Integer> codes = new ArrayList<>();
            JsonNode refusal = null;
            for (int i = 0; i < 200 && refusal == null; i++) {   // lengths are re-read every 100 ms
                JsonNode r = api.post("/push/pushRoom", "authToken", token, "msg", "m" + i, "roomId", 1);
                codes.add(r.get("code").asInt());
                if (r.get("code").asInt() != 0) {
                    refusal = r;
                }
            }
            assertTrue(refusal != null, "a send was refused once the partition held 5: " + codes);
            assertEquals(1, refusal.get("code").asInt());
            assertTrue(refusal.get("message").asText().startsWith("the delivery queue is full"), refusal.toString());
            int accepted = (int) codes.stream().filter(c -> c == 0).count();
            assertTrue(accepted >= 5, "the first 5 were accepted: " + codes);
            try (redis.clients.jedis.Jedis jedis = redis.jedis()) {
                assertEquals(accepted, jedis.xlen("{bp:0}") + jedis.xlen("{bp:1}"),
                        "every accepted message is queued, the refused one is not");
            }

            cluster.task();   // drains the partition: sends are accepted again
            Eventually.await(Duration.ofSeconds(20), "a send accepted again once task drained the queue",
                    () -> api.post("/push/pushRoom", "authToken", token, "msg", "after", "roomId", 1)
                            .get("code").asInt() == 0);
        }
    }
}
