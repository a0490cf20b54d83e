-- A sender's own ids of its messages (clientMsgId): a send retried with the same one is stored once and
-- answered with the first one's id. Rows older than the retention are deleted. Owner: logic's message writer.
CREATE TABLE message_client_id (
    from_user_id BIGINT NOT NULL,
    client_msg_id VARCHAR(64) NOT NULL,
    msg_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (from_user_id, client_msg_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
