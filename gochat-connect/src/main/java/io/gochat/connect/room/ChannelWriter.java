package io.gochat.connect.room;

import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.ConnectSettings.SlowReaderPolicy;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes server pushes to channels, applying the slow-reader policy: a channel above its write
 * high-water mark either skips messages (counted, one log line when it starts) or is closed.
 */
public final class ChannelWriter {
    private static final Logger log = LoggerFactory.getLogger(ChannelWriter.class);
    private static final AttributeKey<Boolean> DROPPING = AttributeKey.valueOf("gochat.dropping");

    private final SlowReaderPolicy policy;
    private final ConnectMetrics metrics;

    public ConnectMetrics metrics() {
        return metrics;
    }

    public ChannelWriter(SlowReaderPolicy policy, ConnectMetrics metrics) {
        this.policy = policy;
        this.metrics = metrics;
    }

    /** A body could not be encoded for this transport; it is skipped, counted and logged. */
    public void skipTooLarge(String body, String why) {
        metrics.tooLarge.increment();
        log.warn("skipping a message of {} chars this transport cannot carry: {}", body.length(), why);
    }

    /**
     * One message for one member, queued for that member's event loop.
     *
     * @param closeAfter the connection is closed once this message is written (or at once if it cannot be)
     */
    public record Write(Member member, Object message, boolean closeAfter) {
        public Write(Member member, Object message) {
            this(member, message, false);
        }

        /** A last message before the server closes the connection (e.g. "logged out"). */
        public static Write lastWords(Member member, Object message) {
            return new Write(member, message, true);
        }
    }

    /**
     * Runs on the channels' own event loop: writes a batch in order, then flushes each channel once;
     * answers the writes made (a {@link Write#lastWords} counts as one: its connection is closed).
     * One task per event loop per batch instead of one cross-thread task per channel per message.
     */
    public int writeAll(List<Write> writes) {
        Set<Channel> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        int written = 0;
        for (Write w : writes) {
            if (w.closeAfter()) {
                writeThenClose(w.member().channel(), w.message());
                written++;   // counted as a connection closed, with or without its last words
                continue;
            }
            if (write(w.member(), w.message())) {
                touched.add(w.member().channel());
                written++;
            }
        }
        touched.forEach(Channel::flush);
        return written;
    }

    /** Best effort: a last message is not worth waiting for a slow reader; the close is certain. */
    private static void writeThenClose(Channel channel, Object message) {
        if (!channel.isActive() || !channel.isWritable()) {
            ReferenceCountUtil.release(message);
            channel.close();
            return;
        }
        channel.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
    }

    /** Writes without flushing (taking ownership of {@code message}); true if it was queued for the socket. */
    private boolean write(Member member, Object message) {
        Channel channel = member.channel();
        if (!channel.isActive()) {
            ReferenceCountUtil.release(message);
            return false;
        }
        if (!channel.isWritable()) {
            ReferenceCountUtil.release(message);
            if (policy == SlowReaderPolicy.CLOSE) {
                metrics.closedSlowReader.increment();
                log.info("closing slow reader user={} conn={}", member.userId(), member.connectionId());
                channel.close();
            } else {
                metrics.droppedSlowReader.increment();
                if (channel.attr(DROPPING).setIfAbsent(Boolean.TRUE) == null) {
                    log.info("slow reader user={} conn={}: dropping messages until it catches up",
                            member.userId(), member.connectionId());
                }
            }
            return false;
        }
        if (channel.hasAttr(DROPPING) && channel.attr(DROPPING).getAndSet(null) != null) {
            log.info("slow reader user={} conn={} caught up", member.userId(), member.connectionId());
        }
        channel.write(message, channel.voidPromise());
        metrics.delivered.increment();
        return true;
    }
}
