package org.dipwatch.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import org.dipwatch.ListeningSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HTTP server's socket is of the family of the address it binds to. */
class HttpListenerTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1, true", "0.0.0.0, true", "192.0.2.7, true", "::1, false", "::, false", "[::1], false"})
    void anIpv4AddressAsksForAnIpv4Socket(String host, boolean ipv4) {
        assertThat(HttpListener.ipv4(host)).isEqualTo(ipv4);
    }

    @Test
    void boundTo127001ItListensOnAnIpv4SocketAsSsShowsIt() throws Exception {
        Vertx vertx = HttpListener.vertx("127.0.0.1");
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(r -> r.response().end("ok"))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(ListeningSockets.of(ProcessHandle.current().pid())).contains("127.0.0.1:" + server.actualPort())
                    .doesNotContain("[::ffff:127.0.0.1]:" + server.actualPort());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
