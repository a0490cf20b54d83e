package io.gochat.logic.storage;

import io.gochat.core.lifecycle.StartupException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code db.url} taken apart: the engine, the JDBC URL handed to the driver <em>without</em> credentials
 * (so no driver, pool or Flyway log line can show them), the user and password as driver properties, and
 * {@link #shown()}, the form every message uses (password replaced by {@code ***}).
 *
 * <p>Accepted: {@code jdbc:sqlite:FILE} or a bare file path, {@code jdbc:postgresql://…},
 * {@code jdbc:mariadb://…} and {@code jdbc:mysql://…} (MariaDB's driver, which speaks to MySQL too).
 * Credentials may be given as {@code ?user=…&password=…} or as {@code //user:password@host}.
 */
public record DbUrl(Dialect dialect, String jdbcUrl, String user, String password, String shown) {
    private static final String SQLITE = "jdbc:sqlite:";
    private static final String POSTGRESQL = "jdbc:postgresql:";
    private static final String MARIADB = "jdbc:mariadb:";
    private static final String MYSQL = "jdbc:mysql:";

    public static DbUrl parse(String configured) {
        String url = configured == null ? "" : configured.trim();
        if (url.isEmpty()) {
            throw new StartupException("db.url is empty");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith(SQLITE) || !lower.startsWith("jdbc:")) {
            return new DbUrl(Dialect.SQLITE, SqliteUrl.resolve(url), null, null, url);
        }
        if (lower.startsWith(POSTGRESQL)) {
            return withCredentials(Dialect.POSTGRESQL, url, List.of("reWriteBatchedInserts=true"));
        }
        if (lower.startsWith(MARIADB)) {
            return withCredentials(Dialect.MYSQL, url, List.of());
        }
        if (lower.startsWith(MYSQL)) {
            // the MariaDB driver takes jdbc:mysql: only when told to
            return withCredentials(Dialect.MYSQL, url, List.of("permitMysqlScheme"));
        }
        throw new StartupException("db.url must be jdbc:sqlite:FILE (or a file path), jdbc:postgresql://…, "
                + "jdbc:mariadb://… or jdbc:mysql://…; got '" + redact(url) + "'");
    }

    /** The driver properties: user and password when given. */
    public Properties credentials() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    @Override
    public String toString() {
        return shown;
    }

    private static DbUrl withCredentials(Dialect dialect, String url, List<String> defaults) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String user = null;
        String password = null;

        // //user:password@host/db → //host/db
        int slashes = base.indexOf("//");
        if (slashes >= 0) {
            int hostStart = slashes + 2;
            int pathStart = base.indexOf('/', hostStart);
            String authority = base.substring(hostStart, pathStart < 0 ? base.length() : pathStart);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
                base = base.substring(0, hostStart) + authority.substring(at + 1)
                        + (pathStart < 0 ? "" : base.substring(pathStart));
            }
        }

        List<String> kept = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (query >= 0) {
            for (String param : url.substring(query + 1).split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String name = (eq < 0 ? param : param.substring(0, eq));
                String value = eq < 0 ? "" : param.substring(eq + 1);
                if (name.equalsIgnoreCase("user")) {
                    user = decode(value);
                } else if (name.equalsIgnoreCase("password")) {
                    password = decode(value);
                } else {
                    kept.add(param);
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        for (String d : defaults) {
            String name = (d.contains("=") ? d.substring(0, d.indexOf('=')) : d).toLowerCase(Locale.ROOT);
            if (!names.contains(name)) {
                kept.add(d);
            }
        }
        String jdbcUrl = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
        return new DbUrl(dialect, jdbcUrl, user, password, redact(url));
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);   // %XX only; + stays +
        } catch (IllegalArgumentException e) {
            return s;   // not %-encoded after all: take it as written
        }
    }

    /** The URL with any password replaced by {@code ***}: query parameters and {@code user:password@}. */
    public static String redact(String url) {
        return url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1***")
                .replaceAll("(//[^/:@?]*:)[^/@?]*@", "$1***@");
    }
}
