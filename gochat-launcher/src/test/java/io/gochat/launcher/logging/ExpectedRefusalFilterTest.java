package io.gochat.launcher.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class ExpectedRefusalFilterTest {
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

    ExpectedRefusalFilterTest() {
        ExpectedRefusalFilter filter = new ExpectedRefusalFilter();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        seen.setContext(context);
        seen.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(seen);
    }

    @Test
    void dubbosErrorLineForABusyRefusalIsDroppedEvenWhenWrapped() {
        Logger dubbo = context.getLogger(ExpectedRefusalFilter.DUBBO_EXCEPTION_FILTER);
        dubbo.error("Got unchecked and undeclared exception", new RejectedExecutionException("too many requests"));
        dubbo.error("Got unchecked and undeclared exception",
                new CompletionException(new RejectedExecutionException("logic server is busy")));
        assertEquals(0, seen.list.size(), () -> "logged: " + seen.list);
    }

    @Test
    void anyOtherExceptionFromDubboIsStillLogged() {
        context.getLogger(ExpectedRefusalFilter.DUBBO_EXCEPTION_FILTER)
                .error("Got unchecked and undeclared exception", new IllegalStateException("a real fault"));
        assertEquals(1, seen.list.size());
    }

    @Test
    void aRefusalLoggedByAnyOtherLoggerIsLeftAlone() {
        context.getLogger("io.gochat.logic.exec.BlockingWork").warn("refused", new RejectedExecutionException("busy"));
        assertEquals(1, seen.list.size());
    }
}
