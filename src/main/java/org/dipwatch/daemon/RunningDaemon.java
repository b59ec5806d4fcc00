package org.dipwatch.daemon;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A dipwatch daemon running on a home, as the CLI finds it and asks it for the commands that use
 * the index ({@code ingest}, {@code similar}, {@code reindex}, {@code alerts}): an embedded index
 * is open in one process at a time, so while the daemon runs these commands are carried out by it,
 * over its HTTP API on its own address ({@code POST /api/cli/COMMAND}), and by the CLI alone on the
 * index when no daemon runs.
 *
 * <p>The daemon announces itself in {@code data/daemon.run} (readable by the daemon's user only):
 * its process id, the address and port of its HTTP server, and a random key made at each start that
 * a request to {@code /api/cli/} must carry ({@code Authorization: Bearer KEY}). Reading the key
 * needs the access to {@code data/} that opening the index itself needs, so the CLI beside the
 * daemon may do no more than it could do alone; the API token ({@code DIPWATCH_API_TOKEN}) does not
 * open {@code /api/cli/}, whose requests name files on the daemon's machine. A file left by a daemon
 * that was killed is told by its process, which no longer runs or does not answer with the key; the
 * next daemon replaces it. The file is written without a port while the daemon starts (the CLI waits
 * for the port then) and removed first thing when it stops.
 *
 * <p>The client side is the JDK's HTTP client alone: no Camel, no database.
 */
public record RunningDaemon(long pid, String host, int port, String key) {

    /** The file's name in the home's {@code data/} folder. */
    public static final String FILE_NAME = "daemon.run";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code data/daemon.run} of a home. */
    public static Path file(Path home) {
        return home.resolve("data").resolve(FILE_NAME);
    }

    // ---------------------------------------------------------------- the daemon's side

    /**
     * Announces this process as the daemon of {@code home} while it starts: a new key, no port yet.
     * {@code host} is the address the HTTP server binds to; the CLI connects to it, or to the
     * loopback address of its family when it is a wildcard (0.0.0.0, ::).
     */
    public static RunningDaemon starting(Path home, String host) throws IOException {
        RunningDaemon daemon = new RunningDaemon(ProcessHandle.current().pid(), reachableHost(host), 0, newKey());
        daemon.write(home);
        return daemon;
    }

    /** A new random key: 24 bytes from {@link SecureRandom}, in hex. */
    public static String newKey() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The same daemon once its HTTP server listens on {@code port}: written again, now with the port. */
    public RunningDaemon listening(Path home, int port) throws IOException {
        RunningDaemon daemon = new RunningDaemon(pid, host, port, key);
        daemon.write(home);
        return daemon;
    }

    /** Removes the file if it still announces this daemon (not one started since on the same home). */
    public void withdraw(Path home) throws IOException {
        Path file = file(home);
        Optional<RunningDaemon> there = read(file);
        if (there.isPresent() && there.get().key().equals(key)) {
            Files.deleteIfExists(file);
        }
    }

    private void write(Path home) throws IOException {
        Path file = file(home);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling("." + FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temp);
        }
        Files.writeString(temp, "# the dipwatch daemon running on this home; the CLI asks it for the commands that use the index.\n"
                + "# Removed when the daemon stops; one left by a daemon that was killed is recognized and replaced.\n"
                + "pid=" + pid + "\nhost=" + host + "\nport=" + port + "\nkey=" + key + "\n");
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The address a client on this machine reaches a server bound to {@code host} at. */
    static String reachableHost(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                return address instanceof java.net.Inet6Address ? "::1" : "127.0.0.1";
            }
            return address.getHostAddress();
        } catch (IOException e) {
            return host;
        }
    }

    // ---------------------------------------------------------------- the CLI's side

    /**
     * The daemon running on {@code home}, if one does and answers with its key: empty when no file
     * announces one, or the file was left by a daemon that no longer runs (its process is gone, or
     * nothing at its port knows its key). A daemon still starting is waited for, at most
     * {@code startWait}, until it listens; with a zero wait it counts as none.
     */
    public static Optional<RunningDaemon> find(Path home, Duration startWait) {
        long deadline = System.nanoTime() + startWait.toNanos();
        Path file = file(home);
        while (true) {
            Optional<RunningDaemon> there;
            try {
                there = read(file);
            } catch (IOException e) {
                // a file this user cannot read is another user's daemon: the index is not this user's to open either
                throw new IllegalStateException("dipwatch: " + file + " announces a running daemon but cannot be read ("
                        + e.getMessage() + "); run the command as the daemon's user", e);
            }
            if (there.isEmpty() || !ProcessHandle.of(there.get().pid()).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.empty();
            }
            RunningDaemon daemon = there.get();
            if (daemon.port() > 0) {
                return daemon.answers(home) ? Optional.of(daemon) : Optional.empty();
            }
            if (startWait.isZero()) {
                return Optional.empty(); // not waited for: a daemon still starting holds the index, and says so to whoever opens it
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dipwatch: the daemon (pid " + daemon.pid() + ") has been starting on " + home
                        + " for more than " + startWait.toSeconds() + " s; try again once its /health answers");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The file's daemon, or empty when there is none (or it is half-written: the daemon writes it whole, by a rename). */
    static Optional<RunningDaemon> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RunningDaemon(Long.parseLong(p.getProperty("pid", "")), p.getProperty("host", "127.0.0.1"),
                    Integer.parseInt(p.getProperty("port", "0")), p.getProperty("key", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether this daemon answers at its port with its key, for this home (not a process that took the id of one killed). */
    private boolean answers(Path home) {
        try {
            Map<String, Object> hello = ask("hello", Map.of());
            return home.toString().equals(hello.get("home"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Asks the daemon to carry out a command: {@code POST /api/cli/COMMAND} with the request as JSON;
     * returns its answer. Waits as long as the command takes (a reindex of a large corpus takes
     * minutes); only the connection must be made within 5 s.
     *
     * @throws IOException when the daemon cannot be reached, or answers with an error (its message then)
     */
    public Map<String, Object> ask(String command, Map<String, Object> request) throws IOException {
        String address = host.contains(":") ? "[" + host + "]" : host;
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/api/cli/" + command))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))).build();
        HttpResponse<String> answer;
        try {
            answer = Client.HTTP.send(post, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the daemon answered " + command, e);
        } catch (ConnectException e) {
            throw new IOException("the daemon (pid " + pid + ") does not answer on " + address + ":" + port + " (" + e + ")", e);
        }
        Map<String, Object> body;
        try {
            body = JSON.readValue(answer.body(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new IOException("the daemon answered " + command + " with " + answer.statusCode() + " and no JSON object", e);
        }
        if (answer.statusCode() != 200) {
            throw new IOException("the daemon answered " + command + " with " + answer.statusCode() + ": " + body.getOrDefault("error", body));
        }
        return body;
    }

    /** One HTTP/1.1 client per CLI process, made only when a daemon is asked. */
    private static final class Client {
        static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public String toString() {
        // the key is a secret: never in a log line or a message
        return "RunningDaemon[pid=" + pid + ", host=" + host + ", port=" + port + "]";
    }
}
