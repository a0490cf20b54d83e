package io.gochat.logic.presence;

import io.gochat.cluster.discovery.ServerInfo;
import io.gochat.cluster.discovery.ServiceWatcher;
import io.gochat.logic.exec.BlockingWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the connect role in etcd: when a connect server leaves (clean stop or lease expiry
 * after a crash), its connections are removed from rooms and routes. At start, servers that died
 * while no logic was watching are repaired too. Redis work runs on logic's worker pool, never on
 * the watcher thread.
 */
public final class ConnectServerWatch implements ServiceWatcher.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectServerWatch.class);

    private final ServiceWatcher watcher;
    private final ServerRepair repair;
    private final BlockingWork work;

    private ConnectServerWatch(ServiceWatcher watcher, ServerRepair repair, BlockingWork work) {
        this.watcher = watcher;
        this.repair = repair;
        this.work = work;
    }

    public static ConnectServerWatch start(ServiceWatcher watcher, ServerRepair repair, BlockingWork work) {
        ConnectServerWatch watch = new ConnectServerWatch(watcher, repair, work);
        watcher.addListener(watch);
        // Queued behind the initial membership, so servers() is the live set when this runs.
        watcher.execute(() -> watch.run("sweep of dead connect servers", () ->
                repair.repairAllExcept(id -> watcher.servers().containsKey(id))));
        return watch;
    }

    @Override
    public void joined(ServerInfo server) {
    }

    @Override
    public void left(ServerInfo server) {
        run("repair of " + server.serverId(), () -> repair.repair(server.serverId()));
    }

    private void run(String what, Runnable task) {
        work.submit(what, () -> {
            task.run();
            return null;
        }).exceptionally(e -> {
            log.warn("{} failed: {}", what, e.getCause() == null ? e.toString() : e.getCause().toString());
            return null;
        });
    }

    @Override
    public void close() {
        watcher.removeListener(this);
    }
}
