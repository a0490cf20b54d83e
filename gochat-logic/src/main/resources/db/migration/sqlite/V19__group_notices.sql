-- Group notifications addressed to one user (added, removed, join requests, role changes, mutes, a group
-- dissolved), kept so that a user who was offline sees them; id is the event's msgId, body the JSON the
-- socket carries (op 31); one event to many users (a group dissolved) has one id.
CREATE TABLE group_notice (
    id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, id)
);
