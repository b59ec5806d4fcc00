package org.dipwatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A dipwatch home in a temporary folder with the five originals in {@code seeds/}, for tests. */
public final class TestHome {

    /** The five original articles, as the project's {@code seeds/} holds them. */
    public static final List<String> ORIGINALS = List.of("000_fbfa5f4836e611d7.txt", "001_fc3e960cfd31978e.txt",
            "002_80078b18800f77d0.txt", "003_6c860c4a14f93851.txt", "004_c77918350a6e0771.txt");

    /**
     * Settings under which every distinct text is a new story: for tests of delivery and recovery
     * that drop many texts made from one template ("statement N on day N"), which near-duplicate
     * and story detection rightly groups. Exact copies are still duplicates.
     */
    public static final java.util.Map<String, String> EVERY_TEXT_A_NEW_STORY = java.util.Map.of(
            "dipwatch.dedup.near-threshold", "1.01", "dipwatch.dedup.near-containment", "1.01",
            "dipwatch.dedup.story-threshold", "1000");

    private TestHome() {
    }

    /** {@link #EVERY_TEXT_A_NEW_STORY} as {@code -D} options of a daemon process. */
    public static List<String> everyTextANewStoryOptions() {
        return EVERY_TEXT_A_NEW_STORY.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).sorted().toList();
    }

    /** {@code base} with {@link #EVERY_TEXT_A_NEW_STORY} added. */
    public static java.util.Map<String, String> everyTextANewStory(java.util.Map<String, String> base) {
        java.util.Map<String, String> out = new java.util.HashMap<>(base);
        out.putAll(EVERY_TEXT_A_NEW_STORY);
        return out;
    }

    /** The project's copy of an original seed. */
    public static Path original(String name) {
        return Path.of("seeds", name).toAbsolutePath();
    }

    /** Makes {@code dir} a home whose corpus holds the five originals. */
    public static Path create(Path dir) {
        try {
            Files.createDirectories(dir.resolve("seeds"));
            for (String name : ORIGINALS) {
                Files.copy(original(name), dir.resolve("seeds").resolve(name));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names in a folder, sorted; hidden files included. */
    public static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code dipwatch run} in a JVM of its own on this home (the test class path, 256 MB
     * heap, HTTP on {@code port} of the default host, 127.0.0.1), its output appended to
     * {@code daemon.log} in the home. Sources are off (no test contacts the internet) unless an
     * option sets {@code -Ddipwatch.sources.enabled=true}, which comes later and wins.
     */
    public static Process startDaemonProcess(Path home, int port, String... options) throws IOException {
        return startDaemonProcess(home, port, java.util.Map.of(), options);
    }

    /** {@link #startDaemonProcess(Path, int, String...)} with these variables added to its environment (secrets, as a user sets them). */
    public static Process startDaemonProcess(Path home, int port, java.util.Map<String, String> environment, String... options)
            throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // surefire's class path ends with ':', which would put the working directory on it
        String classPath = String.join(java.io.File.pathSeparator, Stream.of(
                System.getProperty("java.class.path").split(java.io.File.pathSeparator)).filter(e -> !e.isBlank()).toList());
        List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-Xmx256m", "-cp", classPath,
                "-Ddipwatch.home=" + home, "-Ddipwatch.http.port=" + port, "-Ddipwatch.sources.enabled=false"));
        command.addAll(List.of(options));
        command.addAll(List.of("org.dipwatch.cli.App", "run"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("daemon.log").toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Writes the home's {@code subscriptions.yaml}: {@code hook}, a signed webhook to
     * {@code 127.0.0.1:hookPort/hook}, and {@code desk}, mail to desk@example.org; both for every new article.
     */
    public static void hookAndDeskSubscriptions(Path home, int hookPort) throws IOException {
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: hook
                    webhook: { url: "http://127.0.0.1:%d/hook", secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0" }
                  - id: desk
                    email: { to: [desk@example.org] }
                """.formatted(hookPort));
    }

    /** Stops a daemon started with {@link #startDaemonProcess}, if it runs: SIGTERM, and SIGKILL after a minute. */
    public static void stop(Process daemon) throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroy();
            if (!daemon.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        }
    }

    /** Drops a text file into the home's {@code inbox/} as a user's tool would: written beside it, then moved in whole. */
    public static void drop(Path home, String name, String text) throws IOException {
        Path temp = home.resolve("inbox").resolve("." + name + ".part");
        Files.createDirectories(temp.getParent());
        Files.writeString(temp, text);
        Files.move(temp, home.resolve("inbox").resolve(name));
    }

    /** A TCP port free on 127.0.0.1 right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
