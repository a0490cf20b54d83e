-- Members of a group with their role (owner, admin, member), their own nickname there, and until when
-- (epoch ms) they are muted (0 = not muted).
CREATE TABLE group_member (
    group_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    role VARCHAR(8) NOT NULL,
    nickname VARCHAR(64) NOT NULL,
    muted_until BIGINT NOT NULL,
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id),
    KEY group_member_user (user_id, group_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
