package org.dipwatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subscriptions of {@code subscriptions.yaml}, read again whenever the file changes. A file
 * with an error keeps the subscriptions read before it (and the error is logged and reported by
 * {@code check-config}), so a typo never silences the alerts that worked. {@code ${env:NAME}} in
 * a value is replaced by the environment variable NAME: secrets stay out of the file.
 */
public final class Subscriptions {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Subscriptions.class);

    private final Path file;
    private final Function<String, String> env;
    private final boolean allowPrivate;
    private volatile List<Subscription> current = List.of();
    /** What the file was when last read: its inode, modification time and size (an atomic rewrite changes the inode). */
    private volatile String readAt;

    /** The subscriptions of {@code file} (which may not exist yet), with {@code env} for {@code ${env:…}}. */
    public Subscriptions(Path file, Function<String, String> env, boolean allowPrivate) {
        this.file = file;
        this.env = env;
        this.allowPrivate = allowPrivate;
    }

    /**
     * The subscriptions now: the file is read again when it changed since the last read. One
     * caller at a time: another thread (sources poll in parallel) would otherwise see the new
     * file stamp before the subscriptions read from it.
     */
    public synchronized List<Subscription> current() {
        try {
            String modified = null;
            if (Files.exists(file)) {
                java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                modified = a.fileKey() + "|" + a.lastModifiedTime().toMillis() + "|" + a.size();
            }
            if (modified == null) {
                current = List.of();
                readAt = null;
            } else if (!modified.equals(readAt)) {
                readAt = modified;
                Parsed parsed = parse(Files.readString(file));
                if (parsed.problems().isEmpty()) {
                    current = parsed.subscriptions();
                    LOG.info("alert: {} subscriptions from {}", current.size(), file);
                } else {
                    LOG.error("alert: {} has problems, keeping the {} subscriptions read before: {}", file, current.size(),
                            String.join("; ", parsed.problems()));
                }
            }
        } catch (IOException e) {
            LOG.error("alert: cannot read {}: {}; keeping the {} subscriptions read before", file, e.getMessage(), current.size());
        }
        return current;
    }

    /** The problems of the file as it is now, each naming the subscription and field; empty when valid or absent. */
    public List<String> problems() {
        try {
            return Files.exists(file) ? parse(Files.readString(file)).problems() : List.of();
        } catch (IOException e) {
            return List.of(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** What reading a file gave: the subscriptions, and any problems. */
    record Parsed(List<Subscription> subscriptions, List<String> problems) {
    }

    Parsed parse(String yaml) {
        List<Subscription> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (IOException e) {
            return new Parsed(List.of(), List.of(file + ": not valid YAML: " + e.getMessage().replace('\n', ' ')));
        }
        if (doc == null || doc.path("subscriptions").isMissingNode()) {
            return new Parsed(List.of(), doc == null ? List.of() : List.of(file + ": no 'subscriptions:' list"));
        }
        Set<String> ids = new LinkedHashSet<>();
        int index = 0;
        for (JsonNode s : doc.path("subscriptions")) {
            index++;
            String id = s.path("id").asText("");
            String where = file.getFileName() + ": subscription " + (id.isEmpty() ? "#" + index : "'" + id + "'");
            List<String> mine = new ArrayList<>();
            if (id.isEmpty()) {
                mine.add(where + ": 'id' is missing");
            } else if (!ids.add(id)) {
                mine.add(where + ": the id is used twice");
            }
            String mode = s.path("mode").asText("immediate");
            Subscription.Digest digest = null;
            if (mode.equals("digest")) {
                String cron = s.path("digest").path("cron").asText("");
                if (!org.quartz.CronExpression.isValidExpression(cron)) {
                    mine.add(where + ": digest.cron '" + cron + "' is not a Quartz cron expression (seconds first, e.g. \"0 0 8,18 * * ?\")");
                }
                digest = new Subscription.Digest(cron, zone(s.path("digest").path("zone").asText("UTC"), where + ": digest.zone", mine));
                if (!s.hasNonNull("email")) {
                    mine.add(where + ": mode digest collects e-mail alerts; the subscription has no email");
                }
            } else if (!mode.equals("immediate")) {
                mine.add(where + ": mode must be immediate or digest, not '" + mode + "'");
            }
            Subscription.Quiet quiet = null;
            if (s.hasNonNull("quiet")) {
                JsonNode q = s.path("quiet");
                try {
                    quiet = new Subscription.Quiet(java.time.LocalTime.parse(q.path("from").asText("")),
                            java.time.LocalTime.parse(q.path("to").asText("")), zone(q.path("zone").asText("UTC"), where + ": quiet.zone", mine));
                } catch (java.time.format.DateTimeParseException e) {
                    mine.add(where + ": quiet.from and quiet.to must be times like 22:00 and 07:00");
                }
            }
            Subscription.Webhook webhook = null;
            if (s.hasNonNull("webhook")) {
                String url = expand(s.path("webhook").path("url").asText(""), where + ": webhook.url", mine);
                String secret = expand(s.path("webhook").path("secret").asText(""), where + ": webhook.secret", mine);
                checkUrl(url, where, mine);
                if (secret.isBlank()) {
                    mine.add(where + ": webhook.secret is missing (set it from the environment: secret: \"${env:HOOK_SECRET}\")");
                }
                webhook = new Subscription.Webhook(url, secret);
            }
            Subscription.Email email = null;
            if (s.hasNonNull("email")) {
                List<String> to = new ArrayList<>();
                s.path("email").path("to").forEach(t -> to.add(expand(t.asText(), where + ": email.to", mine)));
                if (to.isEmpty() || to.stream().anyMatch(t -> !t.matches("[^@\\s]+@[^@\\s]+"))) {
                    mine.add(where + ": email.to must list addresses like desk@example.org, not " + to);
                }
                email = new Subscription.Email(to);
            }
            if (webhook == null && email == null) {
                mine.add(where + ": has neither a webhook nor an email: alerts would go nowhere");
            }
            JsonNode f = s.path("filter");
            Subscription.Filter filter = new Subscription.Filter(set(f.path("actors")), set(f.path("speaker")),
                    set(f.path("regions")), set(f.path("sources")), list(f.path("keywords")), set(f.path("language")),
                    set(f.path("verdicts")));
            problems.addAll(mine);
            if (mine.isEmpty()) {
                out.add(new Subscription(id, filter, webhook, email, mode, digest, quiet, s.path("sourceHealth").asBoolean(false)));
            }
        }
        return new Parsed(List.copyOf(out), List.copyOf(problems));
    }

    private String expand(String value, String where, List<String> problems) {
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                problems.add(where + ": the environment variable " + m.group(1) + " is not set");
                v = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    private void checkUrl(String url, String where, List<String> problems) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            problems.add(where + ": webhook.url '" + url + "' is not a URL");
            return;
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            problems.add(where + ": webhook.url must be an http(s) URL, not '" + url + "'");
            return;
        }
        if (!allowPrivate && isLinkLocal(uri.getHost())) {
            problems.add(where + ": webhook.url " + url + " points at a link-local or cloud metadata address; "
                    + "set dipwatch.webhook.allow-private=true if that is really meant");
        }
    }

    /**
     * Whether a host is a link-local or cloud metadata address: an IP literal in 169.254.0.0/16 or
     * fe80::/10, fd00:ec2::254, or a metadata host name. Names are not resolved here (no DNS at
     * load time); an IP literal is parsed without any lookup.
     */
    static boolean isLinkLocal(String host) {
        String h = host.replaceAll("^\\[|]$", "").toLowerCase(java.util.Locale.ROOT);
        if (h.equals("metadata.google.internal") || h.equals("metadata") || h.equals("instance-data")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(h);
            return a.isLinkLocalAddress() || a.getHostAddress().equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254");
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static java.time.ZoneId zone(String name, String where, List<String> problems) {
        try {
            return java.time.ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            problems.add(where + " '" + name + "' is not a time zone (e.g. Europe/Berlin, UTC)");
            return java.time.ZoneOffset.UTC;
        }
    }

    private static Set<String> set(JsonNode list) {
        Set<String> out = new LinkedHashSet<>();
        if (list.isTextual()) {
            out.add(list.asText());
        }
        list.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static List<String> list(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list.isTextual()) {
            out.add(list.asText());
        }
        list.forEach(v -> out.add(v.asText()));
        return out;
    }
}
