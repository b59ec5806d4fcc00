package org.dipwatch.alert;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.dipwatch.config.Settings;

/**
 * Sends alert mails through camel-mail: SMTP, SMTPS or SMTP with STARTTLS to
 * {@code dipwatch.mail.host}, as multipart/alternative (the HTML body with the text as the
 * alternative part). Subject and recipients go in as headers; {@link AlertMail} has already
 * removed line breaks from the subject, so article text cannot add headers.
 */
public final class CamelMail implements MailTransport {

    private final Settings settings;
    private final ProducerTemplate producer;

    /** Mail through the SMTP server the settings name, with the context's producer. */
    public CamelMail(Settings settings, CamelContext context) {
        this.settings = settings;
        this.producer = context.createProducerTemplate();
    }

    @Override
    public void send(List<String> to, AlertMail.Mail mail) {
        String host = settings.get("dipwatch.mail.host");
        if (host == null || host.isBlank()) {
            throw new IllegalStateException("e-mail: dipwatch.mail.host is not set; set it (and dipwatch.mail.port) to send e-mail alerts");
        }
        String security = settings.get("dipwatch.mail.security");
        StringBuilder uri = new StringBuilder("tls".equalsIgnoreCase(security) ? "smtps://" : "smtp://")
                .append(host).append(':').append(settings.get("dipwatch.mail.port"))
                .append("?contentType=").append(enc("text/html; charset=UTF-8"))
                .append("&alternativeBodyHeader=dipwatchText")
                .append("&connectionTimeout=10000");
        String user = settings.get("dipwatch.mail.user");
        if (user != null && !user.isBlank()) {
            uri.append("&username=").append(enc(user)).append("&password=RAW(").append(settings.get("dipwatch.mail.password")).append(')');
        }
        if ("starttls".equalsIgnoreCase(security)) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        Map<String, Object> headers = new HashMap<>();
        headers.put("To", String.join(", ", to));
        headers.put("From", settings.get("dipwatch.mail.from"));
        headers.put("Subject", mail.subject());
        headers.put("dipwatchText", mail.text());
        producer.requestBodyAndHeaders(uri.toString(), mail.html(), headers);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
