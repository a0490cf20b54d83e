package io.gochat.cluster.discovery;

/** The roles servers register under in etcd. */
public final class Roles {
    public static final String LOGIC = "logic";
    public static final String CONNECT = "connect";
    public static final String TASK = "task";
    public static final String API = "api";
    public static final String SITE = "site";

    /** Every etcd key of ours starts with this. */
    public static final String ROOT = "/gochat/";

    private Roles() {
    }

    public static String prefix(String role) {
        return ROOT + role + "/";
    }

    public static String key(String role, String serverId) {
        return prefix(role) + serverId;
    }
}
