/**
 * Alert: tells subscribers about new articles. {@link org.dipwatch.alert.Subscriptions} reads
 * {@code subscriptions.yaml} and checks it in this order: the file as YAML with a
 * {@code subscriptions:} list, each entry's keys (an unknown one names the nearest), the shape of
 * each value, then the values (ids, mode, digest and quiet hours, webhook and e-mail, the filter
 * against the dictionaries, verdicts and languages); an entry with a problem is skipped (or keeps
 * its previous version) and the others load. Each stored article is matched against every
 * subscription; for each match an alert ({@link org.dipwatch.alert.AlertContent}) is written to an
 * outbox in the same transaction as the article, so an article is never stored without its alerts
 * nor alerted without being stored. A later report of a story names a few earlier ones (the story's
 * first and latest, {@link org.dipwatch.alert.StoryReports}) and counts the rest. Alerts leave the
 * outbox by webhook, a POST of a CloudEvents 1.0 payload ({@link org.dipwatch.alert.AlertPayload},
 * schema in {@code docs/schemas/alert-v1.schema.json}) signed per Standard Webhooks
 * ({@link org.dipwatch.alert.WebhookSigner}), or by e-mail ({@link org.dipwatch.alert.AlertMail}, sent
 * by {@link org.dipwatch.alert.SmtpMail}, a run of mails over one connection). Delivery
 * ({@link org.dipwatch.alert.Deliverer}) goes lane by lane (one subscription and channel): in order
 * within a lane, lanes in parallel; a failed delivery is retried with backoff and holds its lane,
 * and after too many attempts it is dead-lettered. The HTTP API over subscriptions and the outbox
 * ({@link org.dipwatch.alert.AlertApi}) answers only a request that carries the API token when one
 * is set ({@link org.dipwatch.alert.ApiToken}), and never shows a secret. {@link
 * org.dipwatch.alert.Outbox} owns the tables {@code alert_outbox}, {@code alert_content} and
 * {@code alert_delivery}; it reads an article's classification from {@code article} at delivery.
 * A source's health notice ({@link org.dipwatch.alert.SourceNotice}) is a kind of its own, not an
 * article verdict.
 */
package org.dipwatch.alert;
