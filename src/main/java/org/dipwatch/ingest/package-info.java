/**
 * The ingest stage: turns an incoming document (a dropped .txt, .md, .html or .eml file, a fetched
 * page, a received e-mail) into a {@link org.dipwatch.model.Draft}, or rejects it with an
 * {@link org.dipwatch.ingest.UnreadableDocumentException} whose message tells a person what is wrong
 * and what to do. {@link org.dipwatch.ingest.DocumentReader} applies its rules in this order: the
 * extension must be accepted; the size must be within {@code dipwatch.ingest.max-bytes}, checked
 * before reading; the bytes must be text ({@link org.dipwatch.ingest.TextDecoder}: not empty, not
 * only white space, not binary; byte order mark, declared charset, strict UTF-8, then detection);
 * then the reader for the kind extracts title, publication date, paragraphs and URL (the seed text
 * parser for text and Markdown, {@link org.dipwatch.ingest.HtmlArticleExtractor} for web pages,
 * {@link org.dipwatch.ingest.EmailReader} for e-mails); last, a draft without a title and without
 * paragraphs is rejected. The date is always the one the document states, never the fetch date.
 * Feeds and pages are fetched by {@link org.dipwatch.ingest.FeedFetcher} (conditional GET, gzip,
 * redirect limit, one request at a time per host with a minimum delay, Retry-After honoured) and
 * a fetched news feed is read by {@link org.dipwatch.ingest.FeedParser} into
 * {@link org.dipwatch.ingest.FeedItem}s (its class comment gives the order of its steps: charset,
 * junk and HTML checks, DOCTYPE refusal, Rome's hardened XML reader, recovery of truncated feeds);
 * a fetched web page is read by {@link org.dipwatch.ingest.WebPage}: an article page through the
 * same extraction as a dropped page, a list page into the links its CSS selectors find; and each
 * item a source lists becomes a draft through {@link org.dipwatch.ingest.ItemDrafts}: a feed item
 * from the feed's text, or from its article page when the source asks for full text, a list page's
 * link from its article page.
 * jsoup, Readability4J, Rome, JDOM, Jackson and Jakarta Mail types stay inside this package.
 */
package org.dipwatch.ingest;
