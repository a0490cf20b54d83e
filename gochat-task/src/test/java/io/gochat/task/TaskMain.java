package io.gochat.task;

import io.gochat.core.config.ConfigLoader;
import io.gochat.core.config.GochatConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Child-JVM fixture: runs a TaskServer from key=value args and prints READY; killed by the test. */
public final class TaskMain {
    public static void main(String[] args) throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            flags.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        GochatConfig config = ConfigLoader.load(null, Map.of(), flags);
        TaskServer task = new TaskServer(config);
        task.start();
        System.out.println("READY " + task.serverId());
        new CountDownLatch(1).await();
    }
}
