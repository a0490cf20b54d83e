package io.gochat.cluster.ids;

/** Where a server takes unique message ids from. */
public interface MessageIds {
    /**
     * A new id, unique across the cluster; throws {@link IdsUnavailableException} while this process
     * may not issue ids (it holds no worker id), which callers answer as "busy, try again".
     */
    long next();
}
