package org.dipwatch.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A receiver's check of a Standard Webhooks signature, written from the spec, independently of {@link WebhookSigner}. */
final class SignatureCheck {

    private SignatureCheck() {
    }

    /** Whether {@code signatures} (space-separated {@code v1,…}) holds the HMAC of {@code id.timestamp.body} under a {@code whsec_} secret. */
    static boolean valid(String secret, String id, String timestamp, String signatures, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
            return signatures != null && List.of(signatures.split(" ")).contains(expected);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
