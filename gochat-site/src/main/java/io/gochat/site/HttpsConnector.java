package io.gochat.site;

import io.gochat.core.tls.PemFiles;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Serves HTTPS only on {@code host:port} from the PEM identity ({@code tls.cert}, {@code tls.key}):
 * Javalin's plain connector is replaced by a TLS one. (The api module has the same few lines.)
 */
final class HttpsConnector {
    private HttpsConnector() {
    }

    static void install(JavalinConfig cfg, PemFiles identity, String host, int port) {
        cfg.jetty.addConnector((server, httpConfig) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(identity.keyStore());
            ssl.setKeyStorePassword("");
            ssl.setKeyManagerPassword("");
            httpConfig.addCustomizer(new SecureRequestCustomizer(false));   // no SNI host check: IPs are fine
            ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(httpConfig));
            connector.setHost(host);
            connector.setPort(port);
            return connector;
        });
    }
}
