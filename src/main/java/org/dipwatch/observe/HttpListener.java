package org.dipwatch.observe;

import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.transport.Transport;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.ThreadFactory;

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
 * everything but the server channel is the JDK transport Vert.x chooses itself.
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
        Transport jdk = io.vertx.core.impl.transports.JDKTransport.INSTANCE;
        return new io.vertx.core.impl.VertxBuilder(options).findTransport(new Ipv4Servers(jdk)).init().vertx();
    }

    /** Whether {@code host} is an IPv4 address, or a name that resolves to one first. */
    public static boolean ipv4(String host) {
        try {
            return InetAddress.getByName(host) instanceof Inet4Address;
        } catch (UnknownHostException e) {
            return false; // the server names the problem when it cannot bind
        }
    }

    /** Vert.x's transport with IPv4 server channels. */
    private record Ipv4Servers(Transport delegate) implements Transport {

        @Override
        public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
            if (domainSocket) {
                return delegate.serverChannelFactory(true);
            }
            return () -> new NioServerSocketChannel(SelectorProvider.provider(), InternetProtocolFamily.IPv4);
        }

        @Override
        public EventLoopGroup eventLoopGroup(int type, int threads, ThreadFactory factory, int ioRatio) {
            return delegate.eventLoopGroup(type, threads, factory, ioRatio);
        }

        @Override
        public io.netty.channel.socket.DatagramChannel datagramChannel() {
            return delegate.datagramChannel();
        }

        @Override
        public io.netty.channel.socket.DatagramChannel datagramChannel(InternetProtocolFamily family) {
            return delegate.datagramChannel(family);
        }

        @Override
        public ChannelFactory<? extends io.netty.channel.Channel> channelFactory(boolean domainSocket) {
            return delegate.channelFactory(domainSocket);
        }

        @Override
        public boolean supportsDomainSockets() {
            return delegate.supportsDomainSockets();
        }

        @Override
        public boolean supportFileRegion() {
            return delegate.supportFileRegion();
        }

        @Override
        public boolean isAvailable() {
            return delegate.isAvailable();
        }

        @Override
        public Throwable unavailabilityCause() {
            return delegate.unavailabilityCause();
        }

        @Override
        public java.net.SocketAddress convert(io.vertx.core.net.SocketAddress address) {
            return delegate.convert(address);
        }

        @Override
        public io.vertx.core.net.SocketAddress convert(java.net.SocketAddress address) {
            return delegate.convert(address);
        }

        @Override
        public void configure(io.netty.channel.socket.DatagramChannel channel, io.vertx.core.datagram.DatagramSocketOptions options) {
            delegate.configure(channel, options);
        }

        @Override
        public void configure(io.vertx.core.net.ClientOptionsBase options, boolean domainSocket, io.netty.bootstrap.Bootstrap bootstrap) {
            delegate.configure(options, domainSocket, bootstrap);
        }

        @Override
        public void configure(io.vertx.core.net.NetServerOptions options, boolean domainSocket,
                              io.netty.bootstrap.ServerBootstrap bootstrap) {
            delegate.configure(options, domainSocket, bootstrap);
        }
    }
}
