-- Friend requests (contacts): state pending, accepted or declined; a pending request older than
-- contacts.requestTtl counts as expired. Times are epoch ms (decided_at 0 = not decided).
CREATE TABLE friend_request (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    from_user_id INTEGER NOT NULL,
    to_user_id INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    decided_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX friend_request_to ON friend_request (to_user_id, state);
CREATE INDEX friend_request_from ON friend_request (from_user_id, state);
