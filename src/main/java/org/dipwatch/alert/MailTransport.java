package org.dipwatch.alert;

import java.util.List;

/** Sends multipart (text and HTML) e-mails; throws when the mail server did not take one. */
@FunctionalInterface
public interface MailTransport {

    /** Sends the mail to the addresses. */
    void send(List<String> to, AlertMail.Mail mail) throws Exception;

    /**
     * A run of mails sent one after the other, over one connection where the transport can keep
     * one (by default each mail on its own, through {@link #send}). Close it when the run is over.
     */
    default Run run() {
        return new Run() {
            @Override
            public void send(List<String> to, AlertMail.Mail mail) throws Exception {
                MailTransport.this.send(to, mail);
            }

            @Override
            public void close() {
            }
        };
    }

    /** Mails sent in one run; after a failure the next mail is tried on a new connection. */
    interface Run extends AutoCloseable {

        /** Sends the mail to the addresses. */
        void send(List<String> to, AlertMail.Mail mail) throws Exception;

        /** Ends the run: the connection is kept for the next run for a while, or closed. */
        @Override
        void close();
    }
}
