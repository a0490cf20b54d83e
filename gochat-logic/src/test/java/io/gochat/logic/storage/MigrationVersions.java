package io.gochat.logic.storage;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The migrations an engine's history must show, read from {@code db/migration/<dialect>} (plus the Java
 * migration 3), so that each feature's new migrations need no edit of the migration tests.
 */
final class MigrationVersions {
    private static final Pattern SQL = Pattern.compile("V(\\d+)__.*\\.sql");

    private MigrationVersions() {
    }

    /** Every version in order: the SQL files' and 3 (Java). */
    static List<Integer> all(Dialect dialect) {
        TreeSet<Integer> versions = new TreeSet<>(List.of(3));
        URL dir = MigrationVersions.class.getClassLoader().getResource("db/migration/" + dialect.id());
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            files.forEach(f -> {
                Matcher m = SQL.matcher(f.getFileName().toString());
                if (m.matches()) {
                    versions.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the migrations of " + dialect, e);
        }
        return new ArrayList<>(versions);
    }

    /** "version suffix" for each version from {@code from} on, e.g. "10 SQL". */
    static List<String> from(Dialect dialect, int from, String sqlSuffix, String javaSuffix) {
        return all(dialect).stream().filter(v -> v >= from).map(v -> v + " " + (v == 3 ? javaSuffix : sqlSuffix)).toList();
    }
}
