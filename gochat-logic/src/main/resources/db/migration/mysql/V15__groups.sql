-- Groups (stored, unlike gochat's rooms): the card, who owns it, how one joins, and a seat count that
-- conditional updates keep within member_limit however many join at once. name_key is the name in
-- lower case, for search. join_policy: open, approval or invite. muted_all: 1 = only admins send.
CREATE TABLE chat_group (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    name_key VARCHAR(256) NOT NULL,
    avatar VARCHAR(512) NOT NULL,
    notice VARCHAR(2048) NOT NULL,
    owner_id BIGINT NOT NULL,
    join_policy VARCHAR(16) NOT NULL,
    member_limit INT NOT NULL,
    member_count INT NOT NULL,
    muted_all SMALLINT NOT NULL,
    created_at BIGINT NOT NULL,
    KEY chat_group_name (name_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
