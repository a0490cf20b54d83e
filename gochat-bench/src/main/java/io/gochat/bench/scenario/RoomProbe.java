package io.gochat.bench.scenario;

import io.gochat.bench.client.ClientFleet;
import java.util.function.Supplier;

/**
 * Finds how many connections really are in the room: sends probe room messages until every open
 * connection has received a frame (or {@code tries} probes went out), since join notices are coalesced
 * and cannot tell.
 */
final class RoomProbe {
    private RoomProbe() {
    }

    static long awaitAllReceive(ClientFleet fleet, Supplier<?> sendProbe, int tries) throws InterruptedException {
        for (int i = 0; i < tries; i++) {
            long open = fleet.state().connected.sum() - fleet.state().closed.sum();
            if (fleet.state().joined.sum() >= open) {
                break;
            }
            sendProbe.get();
            Thread.sleep(1000);
        }
        return fleet.state().joined.sum();
    }
}
