-- Members of a group with their role (owner, admin, member), their own nickname there, and until when
-- (epoch ms) they are muted (0 = not muted).
CREATE TABLE group_member (
    group_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    role VARCHAR(8) NOT NULL,
    nickname VARCHAR(64) NOT NULL,
    muted_until INTEGER NOT NULL,
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_member_user ON group_member (user_id, group_id);
