package io.gochat.logic.storage;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Tells a database error that waiting cannot fix (bad credentials, no such database, a URL the driver
 * refuses) from one that it can (the server is down, still starting, out of connections, unreachable).
 */
final class DbErrors {
    private DbErrors() {
    }

    /** The first {@link SQLException} in {@code t}'s causes, or null. */
    static SQLException sqlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException e) {
                return e;
            }
        }
        return null;
    }

    /**
     * SQLSTATE classes 28 (invalid authorization: bad user or password), 3D (invalid catalog: PostgreSQL's
     * unknown database) and 42 (MariaDB's unknown database and access denied to a database) never heal
     * by themselves; sqlite errors are about the file and do not either, except a busy database.
     * Everything else (08 connection failures, 57P03 "starting up", 53300 too many connections, no state
     * at all) is worth another try.
     */
    static boolean permanent(Dialect dialect, SQLException e) {
        String state = e.getSQLState();
        if (dialect == Dialect.SQLITE) {
            String m = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
            return !m.contains("SQLITE_BUSY") && !m.contains("LOCKED");
        }
        if (state == null || state.length() < 2) {
            return false;
        }
        String cls = state.substring(0, 2).toUpperCase(Locale.ROOT);
        return cls.equals("28") || cls.equals("3D") || cls.equals("42");
    }

    /** A duplicate key: SQLSTATE class 23 (integrity constraint), or sqlite's words for it. */
    static boolean uniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException e) {
                String state = e.getSQLState();
                if (state != null && state.startsWith("23")) {
                    return true;
                }
                if (String.valueOf(e.getMessage()).contains("UNIQUE")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first line of the innermost message: what a person needs, without a stack. */
    static String describe(Throwable t) {
        Throwable root = t;
        SQLException sql = sqlCause(t);
        if (sql != null) {
            root = sql;
        } else {
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
