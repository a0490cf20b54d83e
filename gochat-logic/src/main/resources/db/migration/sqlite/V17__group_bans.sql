-- Users an admin removed with a ban: they cannot join or be invited again until unbanned.
CREATE TABLE group_ban (
    group_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    banned_by INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
