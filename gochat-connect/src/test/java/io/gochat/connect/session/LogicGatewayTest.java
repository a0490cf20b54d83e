package io.gochat.connect.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gochat.protocol.service.DisconnectRequest;
import io.gochat.protocol.service.LogicService;
import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.FakeLogic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LogicGatewayTest {

    @Test
    void aMassDisconnectIsSentToLogicWithBoundedConcurrencyAndNoneIsLost() {
        List<CompletableFuture<Void>> open = new CopyOnWriteArrayList<>();
        FakeLogic logic = new FakeLogic() {
            @Override
            public CompletableFuture<Void> disconnect(DisconnectRequest request) {
                disconnects.add(request);
                CompletableFuture<Void> answer = new CompletableFuture<>();
                open.add(answer);
                return answer;
            }
        };
        LogicCaller caller = new LogicCaller() {
            @Override
            public <R> CompletableFuture<R> callAny(Function<LogicService, CompletableFuture<R>> call) {
                return call.apply(logic);
            }
        };
        LogicGateway gateway = new LogicGateway(caller, "connect-x", new ConnectMetrics());
        for (int i = 0; i < 1000; i++) {
            gateway.disconnect(i, 1, i);
        }
        assertEquals(LogicGateway.MAX_DISCONNECTS_IN_FLIGHT, logic.disconnects.size());
        int answered = 0;
        while (answered < open.size()) {
            open.get(answered++).complete(null);
        }
        assertEquals(1000, logic.disconnects.size());
        assertEquals(1000, logic.disconnects.stream().map(DisconnectRequest::connectionId).distinct().count());
        gateway.awaitDisconnects(Duration.ofSeconds(1));
    }

    @Test
    void withNoLogicServerAThousandDisconnectsFailFastWithoutDeepRecursion() {
        ConnectMetrics metrics = new ConnectMetrics();
        LogicCaller none = new LogicCaller() {
            @Override
            public <R> CompletableFuture<R> callAny(Function<LogicService, CompletableFuture<R>> call) {
                return CompletableFuture.failedFuture(new IllegalStateException("no live logic server"));
            }
        };
        LogicGateway gateway = new LogicGateway(none, "connect-x", metrics);
        for (int i = 0; i < 100_000; i++) {
            gateway.disconnect(i, 1, i);
        }
        assertEquals(100_000, ConnectMetrics.count(metrics.logicFailures));
    }
}
