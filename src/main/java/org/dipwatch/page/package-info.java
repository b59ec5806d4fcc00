/**
 * The status page the daemon serves at {@code /} ({@code routes/page.camel.yaml}). {@link
 * org.dipwatch.page.StatusPage} answers each request in this order: who may see it (the API token
 * as a bearer header or the sign-in cookie, {@code PageAccess}), then the reads, on request only
 * (the sources' states, the articles per day by actor and by region of the last 30 days, the latest
 * stories through {@link org.dipwatch.api.CorpusQuery}, the alerts' outbox, the search of
 * {@link org.dipwatch.api.CorpusApi}), then the HTML, rendered by FreeMarker templates
 * ({@code page/templates/*.ftlh}) that escape every value. The charts are drawn in the browser by
 * uPlot 1.6.32 (MIT, vendored from npm into {@code page/static/} with its licence), served by the
 * daemon itself.
 */
package org.dipwatch.page;
