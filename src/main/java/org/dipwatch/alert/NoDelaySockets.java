package org.dipwatch.alert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets for SMTP with Nagle's algorithm off. A mail ends with a short write (the closing dot)
 * after the body; with Nagle on it waits for the server to acknowledge the body, which a server
 * delays by up to 40 ms, so a connection that sends mail after mail managed about a dozen a
 * second. Jakarta Mail takes a socket factory as a session property but has no setting for this.
 *
 * <p>One plain factory serves every security mode: for SMTPS and for STARTTLS Jakarta Mail lays TLS
 * over the plain socket it got from the factory ({@code SocketFetcher}), and a socket so laid keeps
 * the TCP options of the one beneath. (An SSL socket factory given to it would not be asked for
 * that plain socket at all: it is only used to lay TLS over one Jakarta Mail makes itself.)
 */
final class NoDelaySockets {

    private NoDelaySockets() {
    }

    private static <S extends Socket> S noDelay(S s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    /** Plain sockets, under TLS too when the connection has it (SMTPS, STARTTLS). */
    static SocketFactory plain() {
        SocketFactory d = SocketFactory.getDefault();
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                return noDelay(d.createSocket());
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return noDelay(d.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return noDelay(d.createSocket(host, port, local, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return noDelay(d.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
                return noDelay(d.createSocket(host, port, local, localPort));
            }
        };
    }
}
