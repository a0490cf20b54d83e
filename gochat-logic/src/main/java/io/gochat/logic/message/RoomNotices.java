package io.gochat.logic.message;

import io.gochat.logic.presence.PresenceStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When someone joins or leaves a room, the room gets its new member list (op 5), so every page shows
 * the right count without polling. Changes within a short window are sent once: a reconnect storm
 * or a dead server's repair costs one notice per room, not one per connection.
 */
public final class RoomNotices implements PresenceStore.MembershipListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomNotices.class);
    static final long DELAY_MILLIS = 150;

    private final Set<Long> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "room-notices");
        t.setDaemon(true);
        return t;
    });
    private volatile MessagePublisher publisher;

    /** Set once the publisher exists (it needs the message ids, which come after presence). */
    public void publishWith(MessagePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void changed(long roomId) {
        if (pending.add(roomId)) {
            timer.schedule(() -> send(roomId), DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void send(long roomId) {
        pending.remove(roomId);
        MessagePublisher p = publisher;
        if (p == null || roomId <= 0) {
            return;
        }
        try {
            p.roomInfo(roomId);   // an empty room is refused: nobody is left to tell
        } catch (RuntimeException e) {
            log.warn("could not send the member list of room {}: {}", roomId, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
