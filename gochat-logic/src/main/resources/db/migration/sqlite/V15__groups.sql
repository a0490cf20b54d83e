-- Groups (stored, unlike gochat's rooms): the card, who owns it, how one joins, and a seat count that
-- conditional updates keep within member_limit however many join at once. name_key is the name in
-- lower case, for search. join_policy: open, approval or invite. muted_all: 1 = only admins send.
CREATE TABLE chat_group (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(64) NOT NULL,
    name_key VARCHAR(256) NOT NULL,
    avatar VARCHAR(512) NOT NULL,
    notice VARCHAR(2048) NOT NULL,
    owner_id INTEGER NOT NULL,
    join_policy VARCHAR(16) NOT NULL,
    member_limit INTEGER NOT NULL,
    member_count INTEGER NOT NULL,
    muted_all INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX chat_group_name ON chat_group (name_key);
