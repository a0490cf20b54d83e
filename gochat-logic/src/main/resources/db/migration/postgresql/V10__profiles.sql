-- Profiles (contacts): one row per user who set something; a user without a row has the defaults
-- (no nickname, avatar or bio; status online). nickname_key is the nickname's search key (NFKC, case
-- folded, as user.name_key), searched by prefix. status is what the user chose: online, away, busy or
-- invisible (others see invisible as offline). Times are epoch ms.
CREATE TABLE user_profile (
    user_id BIGINT NOT NULL PRIMARY KEY,
    nickname VARCHAR(40) NOT NULL DEFAULT '',
    nickname_key VARCHAR(640) NOT NULL DEFAULT '',
    avatar_url VARCHAR(512) NOT NULL DEFAULT '',
    bio VARCHAR(280) NOT NULL DEFAULT '',
    status VARCHAR(16) NOT NULL DEFAULT 'online',
    updated_at BIGINT NOT NULL
);
CREATE INDEX user_profile_nickname ON user_profile (nickname_key);
