-- Users (MariaDB and MySQL): the columns of gochat's table. user_name is VARBINARY so that names
-- compare exactly as on sqlite and PostgreSQL: no case folding and no trailing-space padding
-- (20 characters of UTF-8 are at most 80 bytes).
CREATE TABLE user (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_name VARBINARY(80) NOT NULL,
    password VARCHAR(128) NOT NULL,
    create_time DATETIME DEFAULT CURRENT_TIMESTAMP,
    UNIQUE KEY user_name (user_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
