package io.gochat.site;

import io.gochat.core.config.ConfigLoader;
import io.gochat.core.config.GochatConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Manual/child-JVM fixture: runs a SiteServer from key=value args and prints READY with the bound port. */
public final class SiteMain {
    public static void main(String[] args) throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            flags.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        GochatConfig config = ConfigLoader.load(null, Map.of(), flags);
        SiteServer site = new SiteServer(config);
        site.start();
        System.out.println("READY " + site.port());
        new CountDownLatch(1).await();
    }
}
