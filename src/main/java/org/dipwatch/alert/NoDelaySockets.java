package org.dipwatch.alert;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sockets for SMTP with Nagle's algorithm off. A mail ends with a short write (the closing dot)
 * after the body; with Nagle on it waits for the server to acknowledge the body, which a server
 * delays by up to 40 ms, so a connection that sends mail after mail managed about a dozen a
 * second. Jakarta Mail takes a socket factory as a session property but has no setting for this.
 */
final class NoDelaySockets {

    private NoDelaySockets() {
    }

    private static <S extends Socket> S noDelay(S s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    /** Plain sockets (SMTP, and STARTTLS before its upgrade). */
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

    /** TLS sockets (SMTPS, and the STARTTLS upgrade of a plain one). */
    static SSLSocketFactory tls() {
        SSLSocketFactory d = (SSLSocketFactory) SSLSocketFactory.getDefault();
        return new SSLSocketFactory() {
            @Override
            public String[] getDefaultCipherSuites() {
                return d.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return d.getSupportedCipherSuites();
            }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                return noDelay(d.createSocket(s, host, port, autoClose));
            }

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
