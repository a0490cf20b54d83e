package io.gochat.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Finds an installed server binary (etcd, redis-server) or fails the tests with how to install it. */
final class NativeBinary {
    private NativeBinary() {
    }

    static Path find(String name, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin", "/sbin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new ExtensionConfigurationException("the tests need the '" + name + "' binary, which is not installed;"
                + " install the Debian package " + debianPackage + " (apt-get install " + debianPackage + ")");
    }
}
