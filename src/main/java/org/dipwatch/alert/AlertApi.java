package org.dipwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts REST API, behind {@code /api/subscriptions} and {@code /api/alerts}: list, create,
 * update and delete subscriptions (written to {@code subscriptions.yaml}, which the daemon
 * reloads), the delivery log of a subscription, dead letters and their replay. With a token set
 * ({@code dipwatch.api.token}, DIPWATCH_API_TOKEN) every request needs
 * {@code Authorization: Bearer <token>}, reads too; without one the API is read-only (see
 * {@link ApiToken}). Secrets are never returned: a webhook's secret shows as {@code (set)}, the
 * password of a URL's user info as {@code ***}.
 *
 * @param subscriptions the subscriptions it shows and changes
 * @param outbox        the outbox whose delivery log and dead letters it shows
 * @param file          the subscriptions' file ({@code dipwatch.alert.subscriptions}), which a change rewrites
 * @param token         the API token that guards it
 */
public record AlertApi(Subscriptions subscriptions, Outbox outbox, Path file, ApiToken token) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** An HTTP answer: the status code and the JSON body. */
    public record Answer(int status, Object body) {
    }

    /** {@code /api/subscriptions[/{id}]}: GET lists (or shows one), POST creates, PUT replaces, DELETE removes. */
    public synchronized Answer subscriptions(String method, String id, String authorization, String body) {
        String m = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
        if (m.equals("GET")) {
            Answer denied = token.read(authorization);
            if (denied != null) {
                return denied;
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (Subscription s : subscriptions.current()) {
                if (id == null || id.isEmpty() || s.id().equals(id)) {
                    out.add(view(s));
                }
            }
            if (id != null && !id.isEmpty()) {
                return out.isEmpty() ? error(404, "no subscription '" + id + "'") : new Answer(200, out.get(0));
            }
            return new Answer(200, Map.of("subscriptions", out));
        }
        Answer denied = token.change(authorization);
        if (denied != null) {
            return denied;
        }
        try {
            ObjectNode doc = read();
            ArrayNode list = doc.withArray("subscriptions");
            int at = indexOf(list, id);
            switch (m) {
                case "POST" -> {
                    JsonNode entry = JSON.readTree(body == null ? "" : body);
                    if (entry == null || !entry.isObject()) {
                        return error(400, "send the subscription as a JSON object");
                    }
                    if (indexOf(list, entry.path("id").asText()) >= 0) {
                        return error(409, "a subscription '" + entry.path("id").asText() + "' exists; PUT /api/subscriptions/{id} replaces it");
                    }
                    list.add(entry);
                }
                case "PUT" -> {
                    JsonNode entry = JSON.readTree(body == null ? "" : body);
                    if (entry == null || !entry.isObject()) {
                        return error(400, "send the subscription as a JSON object");
                    }
                    if (at < 0) {
                        return error(404, "no subscription '" + id + "'; POST /api/subscriptions creates one");
                    }
                    ((ObjectNode) entry).put("id", id);
                    list.set(at, entry);
                }
                case "DELETE" -> {
                    if (at < 0) {
                        return error(404, "no subscription '" + id + "'");
                    }
                    list.remove(at);
                }
                default -> {
                    return error(405, "use GET, POST, PUT or DELETE");
                }
            }
            String yaml = YAML.writeValueAsString(doc);
            if (!m.equals("DELETE")) {
                // only the subscription sent is judged: another's problem (a secret not set) is the file's, not this request's
                Subscriptions.Entry sent = subscriptions.parse(yaml).entries().get(m.equals("POST") ? list.size() - 1 : at);
                if (!sent.problems().isEmpty()) {
                    return new Answer(400, Map.of("error", sent.label() + " is not valid", "problems",
                            sent.problems().stream().map(p -> Map.of("key", p.key(), "message", p.message())).toList()));
                }
            }
            write(yaml);
            return new Answer(m.equals("POST") ? 201 : 200, Map.of("subscriptions",
                    subscriptions.current().stream().map(AlertApi::view).toList()));
        } catch (IOException e) {
            return error(400, "not valid JSON: " + e.getMessage());
        }
    }

    /** {@code /api/subscriptions/{id}/deliveries}: the delivery log, newest first. */
    public Answer deliveries(String id, String authorization) {
        Answer denied = token.read(authorization);
        if (denied != null) {
            return denied;
        }
        return new Answer(200, Map.of("subscription", id, "deliveries", outbox.log(id, 200)));
    }

    /** {@code /api/alerts/dead}: the dead letters, newest first. */
    public Answer dead(String authorization) {
        Answer denied = token.read(authorization);
        if (denied != null) {
            return denied;
        }
        List<Map<String, Object>> out = outbox.dead(200).stream().map(Outbox.Row::summary).toList();
        return new Answer(200, Map.of("dead", out, "counts", outbox.counts()));
    }

    /** {@code POST /api/alerts/dead/{id}/replay}: puts a dead letter back in the queue. */
    public Answer replay(String id, String authorization) {
        Answer denied = token.change(authorization);
        if (denied != null) {
            return denied;
        }
        if (id == null || !id.matches("\\d+")) {
            return error(400, "the id of a dead letter is a number (see GET /api/alerts/dead)");
        }
        return outbox.replay(Long.parseLong(id)) ? new Answer(200, Map.of("replayed", Long.parseLong(id)))
                : error(404, "no dead letter " + id);
    }

    private static Map<String, Object> view(Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("mode", s.mode());
        m.put("filter", s.filter()); // the record's components, in their order
        m.put("sourceHealth", s.sourceHealth());
        if (s.webhook() != null) {
            m.put("webhook", Map.of("url", withoutPassword(s.webhook().url()), "secret", "(set)"));
        }
        if (s.email() != null) {
            m.put("email", Map.of("to", s.email().to()));
        }
        // the Slack URL and the bot's token are secrets; a Camel URI's options may hold some
        if (s.slack() != null) {
            m.put("slack", Map.of("host", Deliverer.hostAndPort(java.net.URI.create(s.slack().url())), "url", "(set)"));
        }
        if (s.telegram() != null) {
            m.put("telegram", Map.of("chat", s.telegram().chat(), "token", "(set)"));
        }
        if (s.ntfy() != null) {
            m.put("ntfy", s.ntfy().token() == null ? Map.of("url", withoutPassword(s.ntfy().url()))
                    : Map.of("url", withoutPassword(s.ntfy().url()), "token", "(set)"));
        }
        if (s.camel() != null) {
            m.put("camel", Map.of("uri", s.camel().uri().replaceFirst("\\?.*$", "")));
        }
        if (s.digest() != null) {
            m.put("digest", Map.of("cron", s.digest().cron(), "zone", s.digest().zone().getId()));
        }
        if (s.quiet() != null) {
            m.put("quiet", Map.of("from", s.quiet().from().toString(), "to", s.quiet().to().toString(), "zone", s.quiet().zone().getId()));
        }
        return m;
    }

    /** A URL with the password of its user info shown as {@code ***} ({@code https://user:***@host/…}). */
    static String withoutPassword(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:]*):[^/@]*@", "$1:***@");
    }

    private ObjectNode read() throws IOException {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        JsonNode doc = YAML.readTree(Files.readString(file));
        return doc instanceof ObjectNode o ? o : JSON.createObjectNode();
    }

    /** Writes the file whole or not at all: a temporary file beside it, then a rename. */
    private void write(String yaml) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(temp, "# written by the dipwatch API; comments of the previous version are not kept\n" + yaml);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int indexOf(ArrayNode list, String id) {
        for (int i = 0; id != null && i < list.size(); i++) {
            if (id.equals(list.get(i).path("id").asText())) {
                return i;
            }
        }
        return -1;
    }

    private static Answer error(int status, String message) {
        return new Answer(status, Map.of("error", message));
    }
}
