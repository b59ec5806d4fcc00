package org.dipwatch.ingest;

/**
 * Signals that ingest could not turn a document into a draft, with a message a person can act on.
 *
 * <p>The message is one paragraph: what is wrong with which file, what dipwatch accepts and what
 * to do about it, so that it can be logged or shown to the user as it is.
 */
public final class UnreadableDocumentException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The sentence every reason ends its description with: the formats dipwatch reads. */
    static final String ACCEPTED = "dipwatch accepts .txt and .md (UTF-8, UTF-16 with BOM or a legacy 8-bit encoding),"
            + " .html/.htm saved web pages and .eml e-mails";

    /**
     * Creates the exception.
     *
     * @param reason what is wrong with which file, what dipwatch accepts and what to do
     */
    public UnreadableDocumentException(String reason) {
        super(reason);
    }

    /**
     * Creates the exception for a failure that a library reported.
     *
     * @param reason what is wrong with which file, what dipwatch accepts and what to do
     * @param cause  the library's exception, kept for the log
     */
    public UnreadableDocumentException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
