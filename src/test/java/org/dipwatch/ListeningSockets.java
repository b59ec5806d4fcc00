package org.dipwatch;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, as {@code ss -ltnp} lists them for its pid, read from
 * Linux's {@code /proc}: the socket inodes among the process's open files, looked up in
 * {@code /proc/net/tcp} and {@code tcp6} in the LISTEN state. An IPv4 socket reads {@code 127.0.0.1:8080},
 * an IPv6 one {@code [::ffff:127.0.0.1]:8080} or {@code [::]:8080}.
 */
public final class ListeningSockets {

    private ListeningSockets() {
    }

    /** The {@code address:port} of every TCP socket {@code pid} listens on. */
    public static List<String> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listed
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // f[1] local address HEX:PORT, f[3] state (0A: LISTEN), f[9] inode
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    InetAddress address = address(local[0]);
                    int port = Integer.parseInt(local[1], 16);
                    if (table.equals("tcp")) {
                        out.add(address.getHostAddress() + ":" + port);
                    } else {
                        // Java reads an IPv4-mapped IPv6 address as the IPv4 one
                        String text = address instanceof java.net.Inet4Address ? "::ffff:" + address.getHostAddress()
                                : address.isAnyLocalAddress() ? "::" : address.getHostAddress();
                        out.add("[" + text + "]:" + port);
                    }
                }
            }
        }
        return out;
    }

    /** An address as /proc prints it: 32-bit words in the machine's (little-endian) byte order. */
    private static InetAddress address(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(word * 8 + (3 - b) * 2, word * 8 + (3 - b) * 2 + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
