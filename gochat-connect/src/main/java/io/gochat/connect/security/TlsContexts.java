package io.gochat.connect.security;

import io.gochat.core.config.ConfigException;
import io.gochat.core.tls.PemFiles;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;

/** The Netty TLS context of the client ports (wss, TLS on the TCP port), from {@code tls.cert}/{@code tls.key}. */
public final class TlsContexts {
    private TlsContexts() {
    }

    /** Null when TLS is not configured. */
    public static SslContext server(PemFiles identity) {
        if (identity == null) {
            return null;
        }
        try {
            return SslContextBuilder.forServer(identity.key(), identity.chain()).build();
        } catch (SSLException e) {
            throw new ConfigException("cannot use tls.cert/tls.key: " + e.getMessage());
        }
    }
}
