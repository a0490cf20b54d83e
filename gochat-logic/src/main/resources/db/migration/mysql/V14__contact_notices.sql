-- Contact notifications (contacts), kept so a user who was offline can list them: id is a message id
-- (snowflake), body the exact JSON the socket delivered (ops 20-29).
CREATE TABLE contact_notice (
    id BIGINT NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    op INT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX contact_notice_user ON contact_notice (user_id, id);
