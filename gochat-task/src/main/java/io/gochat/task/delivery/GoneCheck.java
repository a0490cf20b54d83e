package io.gochat.task.delivery;

import io.gochat.protocol.service.Delivery;

/** Whether a delivery's recipient is provably gone from a connect server (asked when retries run out). */
@FunctionalInterface
public interface GoneCheck {
    boolean gone(String serverId, Delivery delivery);
}
