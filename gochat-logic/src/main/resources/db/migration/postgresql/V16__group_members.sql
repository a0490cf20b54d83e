-- Members of a group with their role (owner, admin, member), their own nickname there, and until when
-- (epoch ms) they are muted (0 = not muted).
CREATE TABLE group_member (
    group_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    role VARCHAR(8) NOT NULL,
    nickname VARCHAR(64) NOT NULL,
    muted_until BIGINT NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_member_user ON group_member (user_id, group_id);
