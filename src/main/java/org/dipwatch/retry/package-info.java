/**
 * Retrying, one policy for every retry in dipwatch: {@link org.dipwatch.retry.Backoff}, the wait
 * after failures (exponential, jittered, capped) and the reading of a server's {@code Retry-After}.
 * Used by the sources' polls ({@code source}), the feed fetcher ({@code ingest}) and the alerts'
 * delivery ({@code alert}); depends on nothing of dipwatch.
 */
package org.dipwatch.retry;
