package io.gochat.cluster.rpc;

import java.net.InetSocketAddress;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.remoting.ChannelHandler;
import org.apache.dubbo.remoting.Client;
import org.apache.dubbo.remoting.RemotingException;
import org.apache.dubbo.remoting.RemotingServer;
import org.apache.dubbo.remoting.Transporter;
import org.apache.dubbo.remoting.transport.netty4.NettyClient;
import org.apache.dubbo.remoting.transport.netty4.NettyServer;

/**
 * Dubbo's Netty transport, except that addresses are taken literally: the server listens exactly on
 * {@code rpc.bind} and a client connects exactly to the host it was given. Dubbo itself replaces any
 * 127.x address, by 0.0.0.0 on a server (opening the RPC port on every interface) and by this host's
 * network address on a client. Registered as Dubbo SPI {@value #NAME}.
 */
public final class BoundTransporter implements Transporter {
    public static final String NAME = "gochat-bound";
    /** URL parameter with the address to listen on. */
    public static final String BIND_PARAMETER = "gochat.bind";

    @Override
    public RemotingServer bind(URL url, ChannelHandler handler) throws RemotingException {
        return new BoundNettyServer(url, handler);
    }

    @Override
    public Client connect(URL url, ChannelHandler handler) throws RemotingException {
        return new LiteralNettyClient(url, handler);
    }

    static final class LiteralNettyClient extends NettyClient {
        LiteralNettyClient(URL url, ChannelHandler handler) throws RemotingException {
            super(url, handler);
        }

        @Override
        public InetSocketAddress getConnectAddress() {
            return new InetSocketAddress(getUrl().getHost(), getUrl().getPort());
        }
    }

    static final class BoundNettyServer extends NettyServer {
        BoundNettyServer(URL url, ChannelHandler handler) throws RemotingException {
            super(url, handler);
        }

        /** Called by {@code doOpen} while the server binds (from the super constructor, so no fields here). */
        @Override
        public InetSocketAddress getBindAddress() {
            String host = getUrl().getParameter(BIND_PARAMETER);
            InetSocketAddress dubbos = super.getBindAddress();
            return host == null || host.isEmpty() ? dubbos : new InetSocketAddress(host, dubbos.getPort());
        }
    }
}
