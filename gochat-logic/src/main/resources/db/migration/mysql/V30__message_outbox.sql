-- The outbox of the delivery queue: a message's row is written in the transaction that stores it and
-- deleted once the message is on the Redis queue. What is left (logic died, or Redis failed, between the
-- two) is queued by the relay of any logic server. Owner: logic's message writer and relay.
CREATE TABLE message_outbox (
    id BIGINT NOT NULL PRIMARY KEY,
    created_at BIGINT NOT NULL
) ENGINE=InnoDB;
