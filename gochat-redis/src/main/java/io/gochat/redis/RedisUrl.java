package io.gochat.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.HostAndPort;

/**
 * {@code redis.url} read: {@code redis://[user:password@]host[:port][/db]} (also {@code rediss://}, and a
 * bare {@code host:port}), {@code redis-sentinel://[user:password@]host:port[,host:port...]/mastername[?db=n]}
 * (the Sentinels, then the name of the primary they watch; the password is the primary's) and
 * {@code redis-cluster://[user:password@]host:port[,host:port...]} (any reachable nodes: the client asks
 * them for the rest). Ports default to 6379 (26379 for a Sentinel).
 */
public record RedisUrl(Kind kind, List<HostAndPort> nodes, String masterName, int database, String user,
                       String password, boolean ssl) {
    public enum Kind { SINGLE, SENTINEL, CLUSTER }

    public static RedisUrl parse(String url) {
        String text = url.trim();
        if (!text.contains("://")) {
            text = "redis://" + text;
        }
        String scheme = text.substring(0, text.indexOf("://")).toLowerCase(java.util.Locale.ROOT);
        Kind kind = switch (scheme) {
            case "redis", "rediss" -> Kind.SINGLE;
            case "redis-sentinel" -> Kind.SENTINEL;
            case "redis-cluster" -> Kind.CLUSTER;
            default -> throw new IllegalArgumentException("unknown scheme '" + scheme
                    + "' (redis://, rediss://, redis-sentinel:// or redis-cluster://)");
        };
        if (kind == Kind.SINGLE) {
            URI uri = URI.create(text);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            String[] auth = userInfo(uri.getRawUserInfo());
            String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
            return new RedisUrl(kind, List.of(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())),
                    null, path.isEmpty() ? 0 : Integer.parseInt(path), auth[0], auth[1], scheme.equals("rediss"));
        }
        String rest = text.substring(text.indexOf("://") + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String[] auth = {null, null};
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            auth = userInfo(rest.substring(0, at));
            rest = rest.substring(at + 1);
        }
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        for (String hp : rest.split(",")) {
            if (hp.isBlank()) {
                continue;
            }
            int colon = hp.lastIndexOf(':');
            nodes.add(colon < 0 ? new HostAndPort(hp.trim(), kind == Kind.SENTINEL ? 26379 : 6379)
                    : new HostAndPort(hp.substring(0, colon).trim(), Integer.parseInt(hp.substring(colon + 1).trim())));
        }
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no host");
        }
        int db = 0;
        for (String pair : query.split("&")) {
            if (pair.startsWith("db=")) {
                db = Integer.parseInt(pair.substring(3));
            } else if (!pair.isEmpty()) {
                throw new IllegalArgumentException("unknown parameter '" + pair.split("=")[0] + "' (only db)");
            }
        }
        String master = null;
        if (kind == Kind.SENTINEL) {
            master = path.isEmpty() ? null : URLDecoder.decode(path, StandardCharsets.UTF_8);
            if (master == null) {
                throw new IllegalArgumentException("no primary name: redis-sentinel://host:port,.../mastername");
            }
        } else if (!path.isEmpty()) {
            throw new IllegalArgumentException("a Redis Cluster has only database 0: no path after the nodes");
        } else if (db != 0) {
            throw new IllegalArgumentException("a Redis Cluster has only database 0");
        }
        return new RedisUrl(kind, new ArrayList<>(nodes), master, db, auth[0], auth[1], false);
    }

    private static String[] userInfo(String raw) {
        if (raw == null || raw.isEmpty()) {
            return new String[] {null, null};
        }
        int colon = raw.indexOf(':');
        if (colon < 0) {
            return new String[] {null, URLDecoder.decode(raw, StandardCharsets.UTF_8)};   // redis://secret@host
        }
        String user = URLDecoder.decode(raw.substring(0, colon), StandardCharsets.UTF_8);
        return new String[] {user.isEmpty() ? null : user, URLDecoder.decode(raw.substring(colon + 1), StandardCharsets.UTF_8)};
    }
}
