package io.gochat.connect.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(ConnectMetrics.count(metrics.logicFailures) >= 100_000);
    }

    @Test
    void aFailedDisconnectNoticeIsSentAgainUntilLogicTakesIt() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ConnectMetrics metrics = new ConnectMetrics();
        FakeLogic logic = new FakeLogic();
        LogicCaller flaky = new LogicCaller() {
            @Override
            public <R> CompletableFuture<R> callAny(Function<LogicService, CompletableFuture<R>> call) {
                return calls.incrementAndGet() <= 2 ? CompletableFuture.failedFuture(new IllegalStateException("timeout"))
                        : call.apply(logic);
            }
        };
        LogicGateway gateway = new LogicGateway(flaky, "connect-x", metrics);
        gateway.disconnect(7, 3, 99);
        io.gochat.testkit.Eventually.await(Duration.ofSeconds(5), "the third try reaches logic",
                () -> logic.disconnects.size() == 1);
        assertEquals(new DisconnectRequest(7, 3, "connect-x", "99"), logic.disconnects.peek());
        assertEquals(3, calls.get());
        assertEquals(2, ConnectMetrics.count(metrics.logicFailures));
        gateway.awaitDisconnects(Duration.ofSeconds(1));
    }

    @Test
    void aDisconnectNoticeThatKeepsFailingIsGivenUpAfterItsTries() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        LogicCaller down = new LogicCaller() {
            @Override
            public <R> CompletableFuture<R> callAny(Function<LogicService, CompletableFuture<R>> call) {
                calls.incrementAndGet();
                return CompletableFuture.failedFuture(new IllegalStateException("down"));
            }
        };
        LogicGateway gateway = new LogicGateway(down, "connect-x", new ConnectMetrics());
        gateway.disconnect(7, 3, 99);
        gateway.awaitDisconnects(Duration.ofSeconds(10));
        assertEquals(LogicGateway.DISCONNECT_TRIES, calls.get());
    }
}
