package io.gochat.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's config table is the documentation users read: it must not fall behind the code. */
class ReadmeTest {
    @Test
    void theReadmeDocumentsEveryConfigKeyWithItsDefaultAndEnvironmentName() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (ConfigKey key : ConfigKeys.ALL) {
            String row = readme.lines().filter(l -> l.startsWith("| `" + key.name() + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("README has no config row for " + key.name()));
            assertTrue(row.contains(key.envName()), "row for " + key.name() + " names " + key.envName());
            if (!key.defaultValue().isEmpty()) {
                assertTrue(row.contains("`" + key.defaultValue() + "`"), "row for " + key.name() + " shows its default");
            }
        }
    }

    @Test
    void theReadmeGivesTheTwoCommandsCiRuns() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String ci = Files.readString(Path.of("..", ".ci", "run"));
        assertTrue(readme.contains("\n    ./run.sh\n"), "README gives the command that runs the system");
        assertTrue(readme.contains("\n    ./run.sh test\n"), "README gives the test command");
        assertTrue(ci.contains("\n./run.sh test\n"), ".ci/run runs the README's test command");
    }
}
