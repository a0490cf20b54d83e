-- Pending requests to join a group that needs approval; a decision deletes the row.
CREATE TABLE group_join_request (
    group_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    note VARCHAR(256) NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
