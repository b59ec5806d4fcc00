package org.dipwatch.alert;

import java.util.List;

/** Sends one multipart (text and HTML) e-mail; throws when the mail server did not take it. */
@FunctionalInterface
public interface MailTransport {

    /** Sends the mail to the addresses. */
    void send(List<String> to, AlertMail.Mail mail) throws Exception;
}
