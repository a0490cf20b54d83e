-- Users. gochat's own table (name, columns), so a database file from gochat opens as is
-- (Migrations adopts it as version 1); password holds the PBKDF2 string (or gochat's SHA-1 hex
-- until that user's next login).
CREATE TABLE user (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_name VARCHAR(20) NOT NULL UNIQUE,
    password VARCHAR(128) NOT NULL,
    create_time TIMESTAMP
);
