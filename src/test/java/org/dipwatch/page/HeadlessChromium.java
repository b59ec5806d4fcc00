package org.dipwatch.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless on 127.0.0.1, driven over the DevTools protocol (a WebSocket of JSON
 * commands, spoken with the JDK's own client): open a page, run a script in it, take a screenshot.
 * Installed with {@code apt-get install -y chromium} when {@code /usr/bin/chromium} is missing; a
 * test that needs it is skipped, saying why, only when that is impossible.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Chromium installed if need be, or the test skipped with the reason it cannot be. */
    static Path installed() {
        if (Files.isExecutable(BINARY)) {
            return BINARY;
        }
        String why = install("apt-get", "install", "-y", "-q", "chromium");
        if (!Files.isExecutable(BINARY)) {
            why = install("apt-get", "update", "-q") + "; " + install("apt-get", "install", "-y", "-q", "chromium");
        }
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "browser test skipped: " + BINARY + " is missing and 'apt-get install -y chromium' could not install it (" + why + ")");
        return BINARY;
    }

    private static String install(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return String.join(" ", command) + " took over 15 minutes";
            }
            return String.join(" ", command) + " exited " + p.exitValue();
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return String.join(" ", command) + " interrupted";
        }
    }

    /** Starts a headless Chromium with its profile in {@code profile}, a window of this size, and connects to its one page. */
    static HeadlessChromium start(Path profile, int width, int height) throws Exception {
        Path binary = installed();
        Files.createDirectories(profile);
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--disable-background-networking", "--disable-sync", "--no-default-browser-check",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(Files.exists(portFile) && Files.readAllLines(portFile).size() >= 2)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not open its DevTools port: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        HttpClient http = HttpClient.newHttpClient();
        JsonNode targets = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        String page = null;
        for (JsonNode t : targets) {
            if (t.path("type").asText().equals("page")) {
                page = t.path("webSocketDebuggerUrl").asText();
            }
        }
        if (page == null) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium has no page to drive: " + targets);
        }
        HeadlessChromium[] self = new HeadlessChromium[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
            private final StringBuilder frame = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                frame.append(data);
                if (last) {
                    self[0].received(frame.toString());
                    frame.setLength(0);
                }
                ws.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(process, socket);
        return self[0];
    }

    private void received(String message) {
        try {
            JsonNode m = json.readTree(message);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = answers.remove(m.get("id").asInt());
                if (f != null) {
                    f.complete(m);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("chromium sent no JSON: " + message, e);
        }
    }

    /** Sends a DevTools command and returns its result; an error answer fails. */
    JsonNode command(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        ObjectNode m = json.createObjectNode().put("id", id).put("method", method);
        m.set("params", json.valueToTree(params));
        socket.sendText(json.writeValueAsString(m), true).get(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = answer.get(COMMAND_WAIT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Opens this address in the page. */
    void open(String url) throws Exception {
        command("Page.navigate", Map.of("url", url));
    }

    /** The value of a script run in the page (a promise is awaited), as JSON. */
    JsonNode eval(String script) throws Exception {
        JsonNode r = command("Runtime.evaluate", Map.of("expression", script, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed in the page: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** A PNG of the whole page, written to {@code file}. */
    void screenshot(Path file) throws Exception {
        JsonNode r = command("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(r.path("data").asText()));
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes below in any case
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
