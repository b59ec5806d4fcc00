package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardening cases of the inbox (issue #11, item 5; docs/RELIABILITY.md): hostile or odd files
 * dropped into a running daemon. Each one ends in {@code inbox/.done/} or in {@code inbox/.failed/}
 * with its reason beside it, nothing outside the inbox is read, and {@code /health} still answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxHardeningTest {

    @TempDir
    static Path home;
    @TempDir
    static Path outside;
    private Path inbox;
    private Daemon daemon;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        TestHome.create(home);
        port = TestHome.freePort();
        daemon = new Daemon(Settings.of(home, TestHome.everyTextANewStory(Map.of("dipwatch.sources.enabled", "false",
                "dipwatch.http.port", Integer.toString(port), "dipwatch.http.host", "127.0.0.1"))), CommandApi::new);
        daemon.start();
        inbox = home.resolve("inbox");
    }

    @AfterAll
    void stop() throws Exception {
        daemon.stop();
    }

    @Test
    void binaryDataUnderATextNameFailsAsBinary() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        drop("photo.txt", noise);
        assertThat(failedReason("photo.txt")).contains("photo.txt looks like binary data").contains("not text");
        assertHealthy();
    }

    @Test
    void anEmptyMarkdownFileFailsAsEmpty() throws Exception {
        drop("empty.md", new byte[0]);
        assertThat(failedReason("empty.md")).contains("empty.md is empty (0 bytes)");
    }

    @Test
    void aFileStillGrowingIsTakenOnlyOnceCompleteAndWhole() throws Exception {
        Path growing = inbox.resolve("growing.txt");
        String lastLine = "The last paragraph of the growing statement arrives after two seconds of writing.";
        try (OutputStream out = Files.newOutputStream(growing)) {
            out.write("A statement written slowly by a copy over a slow share\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // 20 appends 100 ms apart: each one younger than settle-ms (200 ms), so the file is never taken half written
            for (int i = 0; i < 20; i++) {
                Thread.sleep(100);
                out.write(("Paragraph " + i + " of the growing statement on the ceasefire talks in Doha.\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                assertThat(growing).as("taken while still growing, after %d appends", i).exists();
            }
            out.write((lastLine + "\n").getBytes(StandardCharsets.UTF_8));
        }
        awaitGone("growing.txt");
        assertThat(inbox.resolve(".done/growing.txt")).exists();
        assertThat(seedContaining(lastLine)).contains("Paragraph 0 of the growing statement").contains("Paragraph 19 of");
    }

    @Test
    void namesWithSpacesUnicodeAndLeadingDashesAreTakenAndKept() throws Exception {
        List<String> names = List.of("statement of the ministry.txt", "заявление МИД ٢٠٢٤ 外交部.txt", "-rf --help.txt",
                "--.md", "sub folder/- dash & 'quote'.txt");
        List<String> bodies = List.of(
                "The foreign minister of Norway received the envoy of Sudan in Oslo to discuss humanitarian corridors.",
                "Маріуполь: the ministry of Ukraine condemned the shelling of the port city and called the envoy in.",
                "Chile and Argentina signed a treaty on the glaciers of Patagonia after eleven years of talks.",
                "The Japanese embassy in Seoul protested the survey ship near the disputed islets of Dokdo.",
                "Kenya recalled its ambassador from Addis Ababa over the dam on the Omo river and its fisheries.");
        for (int i = 0; i < names.size(); i++) {
            drop(names.get(i), ("Odd name " + i + "\n\n" + bodies.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < names.size(); i++) {
            awaitGone(names.get(i));
            assertThat(inbox.resolve(".done").resolve(names.get(i))).as(names.get(i)).exists();
            assertThat(seedContaining(bodies.get(i))).startsWith("Odd name " + i);
        }
    }

    @Test
    void aSymlinkToAFileOutsideTheInboxIsNotFollowed() throws Exception {
        Path secret = outside.resolve("secret.txt");
        String secretText = "Private notes of the operator that live outside the inbox and must never be read by dipwatch.";
        Files.writeString(secret, "Private notes\n\n" + secretText + "\n");
        Path secretDir = Files.createDirectories(outside.resolve("private"));
        Files.writeString(secretDir.resolve("other.txt"), "Other notes\n\nAnother private paragraph outside the inbox folder.\n");
        Files.createSymbolicLink(inbox.resolve("link.txt"), secret);
        Files.createSymbolicLink(inbox.resolve("linked-folder"), secretDir);

        assertThat(failedReason("link.txt")).contains("link.txt is a symbolic link (to " + secret + "), which dipwatch does not follow");
        assertThat(failedReason("linked-folder")).contains("linked-folder is a symbolic link (to " + secretDir + ")");
        assertThat(Files.isSymbolicLink(inbox.resolve(".failed/link.txt"))).as("the link itself moved, not its target").isTrue();
        assertThat(Files.isSymbolicLink(inbox.resolve(".failed/linked-folder"))).isTrue();
        assertThat(secret).hasContent("Private notes\n\n" + secretText + "\n");
        assertThat(secretDir.resolve("other.txt")).exists();
        assertThat(allSeeds()).noneMatch(s -> s.contains(secretText) || s.contains("Another private paragraph"));
        assertHealthy();
    }

    @Test
    @Tag("hardening")
    void aFileOf200MegabytesFailsOnItsSizeWithoutBeingRead() throws Exception {
        Path part = inbox.resolve(".huge.txt.part");
        byte[] block = ("A line of a huge text file that someone dropped into the inbox by mistake, over and over.\n")
                .repeat(11_000).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(part)) {
            for (long written = 0; written < 200L << 20; written += block.length) {
                out.write(block);
            }
        }
        long heapBefore = usedHeapAfterGc();
        Files.move(part, inbox.resolve("huge.txt"));
        assertThat(failedReason("huge.txt")).contains("more than the limit of 4194304 bytes").contains("dipwatch.ingest.max-bytes");
        assertThat(Files.size(inbox.resolve(".failed/huge.txt"))).isGreaterThanOrEqualTo(200L << 20);
        long heapAfter = usedHeapAfterGc();
        System.out.printf("hardening: huge.txt (%d MB) failed; heap after GC %d MB before, %d MB after%n",
                Files.size(inbox.resolve(".failed/huge.txt")) >> 20, heapBefore >> 20, heapAfter >> 20);
        assertThat(heapAfter - heapBefore).isLessThan(64L << 20);
        assertHealthy();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void invalidUtf8IsReadWithoutAnExceptionAndTheFileLeavesTheInbox() throws Exception {
        byte[] head = "Statement on the grain corridor\n\nThe ministry said the corridor stays open for ships, caf".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2, (byte) 0x28, (byte) 0xA1, (byte) 0xF0, (byte) 0x28};
        byte[] tail = " and grain, until the talks resume in Istanbul next week.\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        drop("broken-utf8.txt", all);
        awaitGone("broken-utf8.txt");
        // mostly valid text with a few broken bytes is still an article: read as a legacy 8-bit encoding, whole
        assertThat(inbox.resolve(".done/broken-utf8.txt")).exists();
        assertThat(seedContaining("until the talks resume in Istanbul next week")).startsWith("Statement on the grain corridor");
    }

    @Test
    void htmlNestedTenThousandDeepIsReadInSeconds() throws Exception {
        assertNestedHtmlIsRead(10_000, Duration.ofSeconds(20));
    }

    @Test
    @Tag("hardening")
    void htmlNestedAHundredThousandDeepIsReadAndDoesNotHoldThePipeline() throws Exception {
        assertNestedHtmlIsRead(100_000, Duration.ofSeconds(120));
    }

    private void assertNestedHtmlIsRead(int depth, Duration within) throws Exception {
        String name = "nested-" + depth + ".html";
        String innermost = "The innermost paragraph of a page nested " + depth + " deep, about the talks in Geneva.";
        String html = "<html><head><title>Nested " + depth + "</title></head><body>" + "<div>".repeat(depth) + "<p>" + innermost
                + "</p>" + "</div>".repeat(depth) + "</body></html>";
        long started = System.nanoTime();
        drop(name, html.getBytes(StandardCharsets.UTF_8));
        await().atMost(within).until(() -> !Files.exists(inbox.resolve(name)));
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("hardening: %s (%,d nested <div>s) left the inbox in %d ms%n", name, depth, ms);
        assertThat(inbox.resolve(".done").resolve(name)).exists();
        assertThat(seedContaining(innermost)).startsWith("Nested " + depth);
        assertHealthy();
    }

    @Test
    void htmlWithAHundredThousandLinksIsReadInSeconds() throws Exception {
        StringBuilder html = new StringBuilder("<html><head><title>Link farm of the ministry</title></head><body><article>"
                + "<h1>Link farm of the ministry</h1><p>The ministry published the list of its statements on the summit in Vilnius"
                + " and the talks that followed it, with a link to each of them.</p><ul>");
        for (int i = 0; i < 100_000; i++) {
            html.append("<li><a href=\"/s/").append(i).append("\">s").append(i).append("</a></li>");
        }
        html.append("</ul></article></body></html>");
        assertThat(html.length()).isLessThan(4 << 20);
        long started = System.nanoTime();
        drop("links.html", html.toString().getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(inbox.resolve("links.html")));
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("hardening: links.html (100,000 links, %d KB) left the inbox in %d ms%n", html.length() / 1024, ms);
        assertThat(inbox.resolve(".done/links.html")).exists();
        assertThat(seedContaining("with a link to each of them")).startsWith("Link farm of the ministry");
        assertHealthy();
    }

    @Test
    void aFileRemovedBeforeItIsReadIsNeitherStoredNorMovedAndTheDaemonGoesOn() throws Exception {
        Path file = inbox.resolve("vanishing.txt");
        Files.writeString(file, "Vanishing statement\n\nA paragraph of a statement its author took back at once.\n");
        // the scan may already have found it; whatever it found, the file is gone when it is read
        Files.delete(file);
        drop("after-vanishing.txt", "After the vanishing one\n\nThe statement dropped after the vanishing one is stored as usual.\n"
                .getBytes(StandardCharsets.UTF_8));
        awaitGone("after-vanishing.txt");
        assertThat(inbox.resolve(".done/after-vanishing.txt")).exists();
        assertThat(allSeeds()).noneMatch(s -> s.contains("its author took back at once"));
        assertThat(inbox.resolve(".done/vanishing.txt")).doesNotExist();
        assertHealthy();
    }

    // ---------------------------------------------------------------- helpers

    private void drop(String name, byte[] bytes) throws IOException {
        Path target = inbox.resolve(name);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.write(temp, bytes);
        Files.move(temp, target);
    }

    private void awaitGone(String name) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(inbox.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    /** Waits for the file to leave the inbox and returns the reason written beside it in .failed/. */
    private String failedReason(String name) throws IOException {
        awaitGone(name);
        Path error = inbox.resolve(".failed").resolve(name + Inbox.ERROR_SUFFIX);
        assertThat(error).as("reason beside .failed/" + name).exists();
        return Files.readString(error);
    }

    private void assertHealthy() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"UP\"");
    }

    private List<String> allSeeds() throws IOException {
        try (Stream<Path> s = Files.list(home.resolve("seeds"))) {
            return s.map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private String seedContaining(String text) throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() -> allSeeds().stream().anyMatch(s -> s.contains(text)));
        String seed = allSeeds().stream().filter(s -> s.contains(text)).findFirst().orElseThrow();
        // the seed's date line, when there is one, comes first: compare from the title on
        return seed.startsWith(" date ") ? seed.substring(seed.indexOf(' ', 6) + 1) : seed;
    }
}
