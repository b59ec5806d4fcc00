package org.dipwatch.corpus;

/** The index could not be read or written; the message names the operation and the cause. */
public final class IndexException extends RuntimeException {

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A problem the index found itself, with no exception behind it. */
    public IndexException(String message) {
        super(message);
    }
}
