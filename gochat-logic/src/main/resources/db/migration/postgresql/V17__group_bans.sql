-- Users an admin removed with a ban: they cannot join or be invited again until unbanned.
CREATE TABLE group_ban (
    group_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    banned_by BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
