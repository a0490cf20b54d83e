package io.gochat.logic.storage;

/**
 * The database engines {@code db.url} may name. Each has its own migration set
 * ({@code db/migration/<id>}) and may have its own mapper statements (MyBatis database id {@code <id>}).
 */
public enum Dialect {
    SQLITE("sqlite", "org.sqlite.JDBC", "sqlite", "user"),
    /** PostgreSQL reserves {@code user}, so the table's name is quoted there. */
    POSTGRESQL("postgresql", "org.postgresql.Driver", "PostgreSQL", "\"user\""),
    /** MariaDB and MySQL, both through the MariaDB driver. */
    MYSQL("mysql", "org.mariadb.jdbc.Driver", "MariaDB/MySQL", "user");

    private final String id;
    private final String driverClass;
    private final String displayName;
    private final String userTable;

    Dialect(String id, String driverClass, String displayName, String userTable) {
        this.id = id;
        this.driverClass = driverClass;
        this.displayName = displayName;
        this.userTable = userTable;
    }

    /** MyBatis database id and the folder of the migrations. */
    public String id() {
        return id;
    }

    public String driverClass() {
        return driverClass;
    }

    public String displayName() {
        return displayName;
    }

    /** The {@code user} table's name as this engine's SQL spells it. */
    public String userTable() {
        return userTable;
    }

    public String migrations() {
        return "classpath:db/migration/" + id;
    }
}
