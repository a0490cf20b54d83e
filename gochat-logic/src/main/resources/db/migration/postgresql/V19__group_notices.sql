-- Group notifications addressed to one user (added, removed, join requests, role changes, mutes, a group
-- dissolved), kept so that a user who was offline sees them; id is the event's msgId, body the JSON the
-- socket carries (op 31); one event to many users (a group dissolved) has one id.
CREATE TABLE group_notice (
    id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    group_id BIGINT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, id)
);
