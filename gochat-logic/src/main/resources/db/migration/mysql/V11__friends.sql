-- Friendships (contacts): two rows per friendship, one per side, each with that side's private remark.
-- private_history_cut: a user who removed a friend with "delete history" no longer sees their 1:1
-- messages up to up_to_id (the other side keeps them). Times are epoch ms.
CREATE TABLE friend (
    user_id BIGINT NOT NULL,
    friend_id BIGINT NOT NULL,
    remark VARCHAR(40) NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, friend_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX friend_by_friend ON friend (friend_id);
CREATE TABLE private_history_cut (
    user_id BIGINT NOT NULL,
    peer_id BIGINT NOT NULL,
    up_to_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, peer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
