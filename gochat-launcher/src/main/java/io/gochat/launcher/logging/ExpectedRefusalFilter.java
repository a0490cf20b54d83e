package io.gochat.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Marker;

/**
 * Dubbo's {@code ExceptionFilter} logs every undeclared exception a service answers with at ERROR, with its stack
 * trace. A refusal ({@link RejectedExecutionException}: "busy, retry" from a full queue or the hashing pool's
 * budget) is an expected answer: the caller handles it and logic counts it
 * ({@code gochat_logic_requests_refused_total}, one log line per power of two), so that line is dropped here.
 * Any other exception is still logged as Dubbo logs it.
 */
public final class ExpectedRefusalFilter extends TurboFilter {
    static final String DUBBO_EXCEPTION_FILTER = "org.apache.dubbo.rpc.filter.ExceptionFilter";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !DUBBO_EXCEPTION_FILTER.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        return isRefusal(t != null ? t : lastThrowable(params)) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean isRefusal(Throwable t) {
        for (int depth = 0; t != null && depth < 8; t = t.getCause(), depth++) {
            if (t instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    /** SLF4J passes a trailing throwable among the parameters of a formatted message. */
    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable t ? t : null;
    }
}
