/**
 * Dedup: decides whether an incoming article is already in the corpus. Exact copies are found
 * first by canonical URL (tracking parameters stripped), then by the fingerprint of the folded
 * text (white space, case, quote and dash variants do not count). A copy is recorded in the
 * index against the article it copies and never written to {@code seeds/}.
 */
package org.dipwatch.dedup;
