package org.dipwatch.observe;

import io.netty.channel.ChannelFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.transports.JDKTransport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.spi.SelectorProvider;

/**
 * The Vert.x instance under Camel's HTTP server ({@code camel-platform-http-vertx}, which takes the
 * one bound in the registry), whose listening socket is of the family of the address it binds to.
 * Netty's NIO server channel opens the JDK's default socket, which is an IPv6 one on a dual-stack
 * machine: bound to 127.0.0.1 it listens as {@code [::ffff:127.0.0.1]} and an operator's
 * {@code ss -ltn} does not show the {@code 127.0.0.1:PORT} the README promises. Here an IPv4 address
 * ({@code dipwatch.http.host}, 127.0.0.1 by default, 0.0.0.0 for every IPv4 interface) gets an
 * {@code AF_INET} socket; an IPv6 address or a name that resolves to one keeps the JDK's default.
 * Only the server socket changes: the rest of the JVM, outbound IPv6 feed fetches included, keeps
 * both stacks ({@code -Djava.net.preferIPv4Stack=true} would take IPv6 from all of it).
 *
 * <p>Vert.x 4 takes a transport only through its {@code VertxBuilder} in {@code io.vertx.core.impl};
 * it is the JDK transport Vert.x chooses itself ({@code JDKTransport}), extended for the server channel alone.
 */
public final class HttpListener {

    /** Threads that answer HTTP requests. */
    public static final int WORKERS = 4;

    private HttpListener() {
    }

    /** A Vert.x for an HTTP server bound to {@code host}; the caller closes it once Camel has stopped. */
    public static Vertx vertx(String host) {
        // The API's requests run on Vert.x's worker pool, whose threads are made one per request until the
        // pool is full and then kept: 4 serve a local API (Vert.x's 20 were 20 threads after the 20th request).
        // A reindex asked by the CLI holds one for as long as it takes: no "blocked thread" warning before an hour.
        VertxOptions options = new VertxOptions().setWorkerPoolSize(WORKERS).setMaxWorkerExecuteTime(1)
                .setMaxWorkerExecuteTimeUnit(java.util.concurrent.TimeUnit.HOURS);
        if (!ipv4(host)) {
            return Vertx.vertx(options);
        }
        // the JDK (NIO) transport, Vert.x's own choice without preferNativeTransport (and no native one is packaged)
        return new io.vertx.core.impl.VertxBuilder(options).findTransport(new Ipv4Servers()).init().vertx();
    }

    /** Whether {@code host} is an IPv4 address, or a name that resolves to one first. */
    public static boolean ipv4(String host) {
        try {
            return InetAddress.getByName(host) instanceof Inet4Address;
        } catch (UnknownHostException e) {
            return false; // the server names the problem when it cannot bind
        }
    }

    /** Vert.x's JDK transport with IPv4 server channels. */
    private static final class Ipv4Servers extends JDKTransport {

        @Override
        public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
            if (domainSocket) {
                return super.serverChannelFactory(true);
            }
            return () -> new NioServerSocketChannel(SelectorProvider.provider(), InternetProtocolFamily.IPv4);
        }
    }
}
