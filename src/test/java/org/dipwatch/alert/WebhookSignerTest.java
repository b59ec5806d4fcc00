package org.dipwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our signatures, checked by the Standard Webhooks reference library for Java, which shares no code with ours. */
class WebhookSignerTest {

    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String RAW = "a subscriber's passphrase, not base64 ✓";
    private static final String BODY = """
            {"specversion":"1.0","id":"msg_2b6f","data":{"article":{"title":"Лавров — Ван И: «переговоры»"}}}""";

    @Test
    void matchesTheVectorPublishedWithTheSpec() {
        // standard-webhooks/standard-webhooks, the example in spec/standard-webhooks.md and every library's tests
        String payload = "{\"test\": 2432232314}";
        assertThat(WebhookSigner.signature(WHSEC, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, payload))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theReferenceLibraryAcceptsAWhsecSecret() {
        Map<String, String> headers = WebhookSigner.headers(WHSEC, "msg_2b6f", Instant.now(), BODY);
        assertThatCode(() -> new Webhook(WHSEC).verify(BODY, asReceived(headers))).doesNotThrowAnyException();
    }

    @Test
    void theReferenceLibraryAcceptsARawSecretGivenItsBytes() throws Exception {
        Map<String, String> headers = WebhookSigner.headers(RAW, "msg_2b6f", Instant.now(), BODY);
        Webhook receiver = new Webhook(RAW.getBytes(StandardCharsets.UTF_8));
        assertThatCode(() -> receiver.verify(BODY, asReceived(headers))).doesNotThrowAnyException();
    }

    @Test
    void theReferenceLibrarySignsAsWeDo() throws Exception {
        long t = 1_750_000_000L;
        assertThat(WebhookSigner.signature(WHSEC, "msg_2b6f", t, BODY))
                .isEqualTo(new Webhook(WHSEC).sign("msg_2b6f", t, BODY));
        assertThat(WebhookSigner.signature(RAW, "msg_2b6f", t, BODY))
                .isEqualTo(new Webhook(RAW.getBytes(StandardCharsets.UTF_8)).sign("msg_2b6f", t, BODY));
    }

    @ParameterizedTest
    @ValueSource(strings = {WHSEC, RAW})
    void aTamperedBodyFails(String secret) {
        Map<String, String> headers = WebhookSigner.headers(secret, "msg_2b6f", Instant.now(), BODY);
        String tampered = BODY.replace("переговоры", "ультиматум");
        assertThatThrownBy(() -> receiver(secret).verify(tampered, asReceived(headers)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {WHSEC, RAW})
    void aTamperedTimestampFails(String secret) {
        Map<String, String> headers = new LinkedHashMap<>(
                WebhookSigner.headers(secret, "msg_2b6f", Instant.now(), BODY));
        // one second later is still within the receiver's tolerance: only the signature can reject it
        headers.put("webhook-timestamp", Long.toString(Long.parseLong(headers.get("webhook-timestamp")) + 1));
        assertThatThrownBy(() -> receiver(secret).verify(BODY, asReceived(headers)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aTamperedMessageIdFails() {
        Map<String, String> headers = new LinkedHashMap<>(WebhookSigner.headers(WHSEC, "msg_2b6f", Instant.now(), BODY));
        headers.put("webhook-id", "msg_2b70");
        assertThatThrownBy(() -> new Webhook(WHSEC).verify(BODY, asReceived(headers)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void headersComeInTheSpecsOrderWithSecondsSinceTheEpoch() {
        Map<String, String> headers = WebhookSigner.headers(WHSEC, "msg_p5jXN8AQM9LWM0D4loKWxJek",
                Instant.ofEpochSecond(1614265330L, 999_000_000), "{\"test\": 2432232314}");
        assertThat(headers).containsExactly(
                Map.entry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
                Map.entry("webhook-timestamp", "1614265330"),
                Map.entry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "whsec_"})
    void aMissingSecretSaysWhatToSet(String secret) {
        assertThatThrownBy(() -> WebhookSigner.signature(secret, "msg_2b6f", 1L, BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set its webhook secret");
    }

    @Test
    void aNullSecretSaysWhatToSet() {
        assertThatThrownBy(() -> WebhookSigner.signature(null, "msg_2b6f", 1L, BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set its webhook secret");
    }

    @Test
    void aWhsecSecretThatIsNotBase64IsRejected() {
        assertThatThrownBy(() -> WebhookSigner.signature("whsec_not base64!", "msg_2b6f", 1L, BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not base64");
    }

    private static Webhook receiver(String secret) throws Exception {
        return secret.startsWith("whsec_") ? new Webhook(secret) : new Webhook(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> asReceived(Map<String, String> headers) {
        Map<String, List<String>> received = new LinkedHashMap<>();
        headers.forEach((name, value) -> received.put(name, List.of(value)));
        return received;
    }
}
