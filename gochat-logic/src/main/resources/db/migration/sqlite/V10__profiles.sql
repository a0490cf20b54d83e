-- Profiles (contacts): one row per user who set something; a user without a row has the defaults
-- (no nickname, avatar or bio; status online). nickname_key is the nickname's search key (NFKC, case
-- folded, as user.name_key), searched by prefix. status is what the user chose: online, away, busy or
-- invisible (others see invisible as offline). Times are epoch ms.
CREATE TABLE user_profile (
    user_id INTEGER NOT NULL PRIMARY KEY,
    nickname TEXT NOT NULL DEFAULT '',
    nickname_key TEXT NOT NULL DEFAULT '',
    avatar_url TEXT NOT NULL DEFAULT '',
    bio TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'online',
    updated_at INTEGER NOT NULL
);
CREATE INDEX user_profile_nickname ON user_profile (nickname_key);
