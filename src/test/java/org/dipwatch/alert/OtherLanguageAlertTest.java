package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dipwatch.cli.CommandApi;
import org.dipwatch.daemon.Daemon;
import org.dipwatch.TestHome;
import org.dipwatch.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12, acceptance 3: a Russian MFA statement dropped into the inbox reaches the subscription
 * that asks for Russia as an actor and Palestine as a region, which no name in English gives it.
 */
class OtherLanguageAlertTest {

    @TempDir
    Path home;

    private static final String STATEMENT = " date 2025-03-02 Сергей Лавров провёл телефонный разговор с министром "
            + "иностранных дел Египта\n\nМинистр иностранных дел Российской Федерации Сергей Лавров провёл телефонный разговор "
            + "с министром иностранных дел Египта Бадром Абдель Аты. Стороны обсудили ситуацию в секторе Газа.\n\n"
            + "Москва призывает Израиль и ХАМАС соблюдать договорённости о прекращении огня.\n";

    @Test
    void aRussianStatementAlertsTheSubscriptionForRussiaAndPalestine() throws Exception {
        TestHome.create(home);
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            bodies.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        http.start();
        int port = http.getAddress().getPort();
        Files.writeString(home.resolve("subscriptions.yaml"), """
                subscriptions:
                  - id: russia-on-palestine
                    filter: { actors: [RUS], regions: [PSE] }
                    webhook: { url: "http://127.0.0.1:%d/ru-pse", secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0" }
                  - id: korea-only
                    filter: { regions: [PRK] }
                    webhook: { url: "http://127.0.0.1:%d/korea", secret: "whsec_c2VjcmV0c2VjcmV0c2VjcmV0" }
                """.formatted(port, port));
        Daemon daemon = new Daemon(Settings.of(home, Map.of("dipwatch.sources.enabled", "false",
                "dipwatch.http.port", Integer.toString(TestHome.freePort()), "dipwatch.webhook.allow-private", "true",
                "dipwatch.alert.poll-ms", "50")), CommandApi::new);
        daemon.start();
        try {
            Path temp = home.resolve("inbox").resolve(".lavrov.part");
            Files.writeString(temp, STATEMENT);
            Files.move(temp, home.resolve("inbox").resolve("lavrov-ru.txt"));
            await().atMost(Duration.ofSeconds(20)).until(() -> !bodies.isEmpty());
            Thread.sleep(500); // room for a wrong second alert to arrive
            assertThat(bodies).singleElement().satisfies(b -> {
                assertThat(b).startsWith("/ru-pse ");
                assertThat(b).contains("\"RUS\"", "\"PSE\"", "sergey-lavrov", "Лавров");
            });
        } finally {
            daemon.stop();
            http.stop(0);
        }
    }
}
