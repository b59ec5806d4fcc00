package org.dipwatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dipwatch.config.ConfigProblem;
import org.dipwatch.config.NearestNames;
import org.dipwatch.config.YamlLines;
import org.dipwatch.model.Verdict;

/**
 * The subscriptions of {@code subscriptions.yaml}, read again whenever the file changes, and
 * checked field by field. Each entry is read into typed records: a key no subscription has is an
 * error naming the nearest known key ({@code actor} → {@code actors}), {@code mode} and the
 * filter's {@code verdicts} and {@code language} must be among their values, and, given the
 * classifier's dictionaries, every actor, speaker and region a filter names must be one they
 * know (else the nearest ids are named). A subscription with a problem is reported and skipped,
 * or keeps its previous version if it had one; the others load. A file that cannot be read as a
 * list of subscriptions at all keeps every subscription read before. Each problem carries the
 * file, line and key, is logged at ERROR once per change of the file, and stays in
 * {@link #problems()} until the file is fixed. {@code ${env:NAME}} in a value is replaced by the
 * environment variable NAME: secrets stay out of the file.
 */
public final class Subscriptions {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    /** Reads an entry into its records; the keys it does not know are named before (see unknownKeys). */
    private static final ObjectReader WRITTEN = YAML.readerFor(Written.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    /** A Telegram chat: a numeric id (negative for groups and channels) or a public channel's @name. */
    private static final Pattern TELEGRAM_CHAT = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,}");
    /** The path of an ntfy topic's URL: one topic name. */
    private static final Pattern NTFY_TOPIC = Pattern.compile("/[A-Za-z0-9_-]{1,64}");
    /** A Camel endpoint URI: the component's name (a URI scheme), a colon, and something after it. */
    private static final Pattern CAMEL_URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.+");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Subscriptions.class);
    /** The modes of a subscription. */
    static final List<String> MODES = List.of("immediate", "digest");
    /** The verdicts a filter may list: those of a stored article. */
    static final List<String> VERDICTS = Arrays.stream(Verdict.values()).filter(v -> v != Verdict.FAILED).map(Verdict::label).toList();
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private final Path file;
    private final Function<String, String> env;
    private final boolean allowPrivate;
    private final FilterVocabulary vocabulary;
    private volatile List<Subscription> current = List.of();
    private volatile List<ConfigProblem> problems = List.of();
    /** What the file was when last read: its inode, modification time and size (an atomic rewrite changes the inode). */
    private volatile String readAt;

    /**
     * The subscriptions of {@code file} (which may not exist yet), with {@code env} for
     * {@code ${env:…}}; filters' actors and regions are checked against {@code vocabulary}.
     */
    public Subscriptions(Path file, Function<String, String> env, boolean allowPrivate, FilterVocabulary vocabulary) {
        this.file = file;
        this.env = env;
        this.allowPrivate = allowPrivate;
        this.vocabulary = vocabulary;
    }

    /**
     * The subscriptions of {@code file} without the dictionaries: the filters' actors and regions
     * are taken as written (tests and embedding; the daemon and {@code check-config} pass them).
     */
    public Subscriptions(Path file, Function<String, String> env, boolean allowPrivate) {
        this(file, env, allowPrivate, null);
    }

    /** The file these subscriptions are read from. */
    public Path file() {
        return file;
    }

    /**
     * The subscriptions now: the file is read again when it changed since the last read. One
     * caller at a time: another thread (sources poll in parallel) would otherwise see the new
     * file stamp before the subscriptions read from it.
     */
    public synchronized List<Subscription> current() {
        String stamp;
        try {
            stamp = stamp();
            if (stamp == null) {
                if (readAt != null || !problems.isEmpty()) {
                    LOG.info("alert: {} is gone: no subscriptions", file);
                }
                current = List.of();
                problems = List.of();
                readAt = null;
            } else if (!stamp.equals(readAt)) {
                String text = Files.readString(file);
                readAt = stamp;
                take(parse(text));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            ConfigProblem p = new ConfigProblem(file.toString(), null, null, "cannot be read (" + e.getMessage()
                    + "); keeping the " + current.size() + " subscriptions read before");
            if (!problems.equals(List.of(p))) {
                LOG.error("alert: {}", p.text());
            }
            problems = List.of(p);
        }
        return current;
    }

    /**
     * The problems of the file as the daemon last read it (reading it again if it changed): each
     * names the file, line, key and subscription. Empty when the file is valid or absent.
     */
    public List<ConfigProblem> problems() {
        current();
        return problems;
    }

    /** The problems of the file as it is now, read afresh and logged nowhere: what {@code check-config} reports. */
    public List<ConfigProblem> check() {
        try {
            return Files.exists(file) ? parse(Files.readString(file)).problems() : List.of();
        } catch (IOException e) {
            return List.of(new ConfigProblem(file.toString(), null, null, "cannot be read: " + e.getMessage()));
        }
    }

    private String stamp() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        return a.fileKey() + "|" + a.lastModifiedTime().toMillis() + "|" + a.size();
    }

    /** Makes a freshly read file current: its valid subscriptions, the previous version of those now broken, and its problems. */
    private void take(Parsed parsed) {
        List<ConfigProblem> found = parsed.problems();
        found.forEach(p -> LOG.error("alert: {}", p.text()));
        if (parsed.unreadable()) {
            LOG.error("alert: {} cannot be used; keeping the {} subscriptions read before", file, current.size());
            problems = found;
            return;
        }
        Map<String, Subscription> before = new HashMap<>();
        current.forEach(s -> before.put(s.id(), s));
        List<Subscription> next = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<String> skipped = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Entry e : parsed.entries()) {
            Subscription s = e.subscription();
            if (s == null && before.containsKey(e.id()) && !taken.contains(e.id())) {
                // a working subscription broken by an edit goes on as it was until the edit is fixed
                s = before.get(e.id());
                kept.add(e.id());
            } else if (s == null) {
                skipped.add(e.label());
            }
            if (s != null && taken.add(s.id())) {
                next.add(s);
            }
        }
        current = List.copyOf(next);
        problems = found;
        if (skipped.isEmpty() && kept.isEmpty()) {
            LOG.info("alert: {} subscriptions from {}", next.size(), file);
        } else {
            LOG.warn("alert: {} subscriptions from {}{}{} (see the problems above; check-config lists them)", next.size(), file,
                    skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped),
                    kept.isEmpty() ? "" : "; kept the previous version of " + String.join(", ", kept));
        }
    }

    /**
     * One entry of the file as read.
     *
     * @param id           its id, empty when it has none
     * @param label        how messages name it ({@code subscription 'desk'}, {@code subscription #3})
     * @param subscription the subscription, or {@code null} when it has problems
     * @param problems     its problems
     */
    record Entry(String id, String label, Subscription subscription, List<ConfigProblem> problems) {
    }

    /**
     * What reading a file gave.
     *
     * @param entries      one per entry of the list, in order
     * @param fileProblems problems of the file as a whole (not YAML, no list, an unknown top-level key)
     * @param unreadable   whether the file could not be read as a list of subscriptions at all
     */
    record Parsed(List<Entry> entries, List<ConfigProblem> fileProblems, boolean unreadable) {

        /** The valid subscriptions, in order. */
        List<Subscription> subscriptions() {
            return entries.stream().map(Entry::subscription).filter(Objects::nonNull).toList();
        }

        /** Every problem: the file's, then each entry's in order. */
        List<ConfigProblem> problems() {
            List<ConfigProblem> out = new ArrayList<>(fileProblems);
            entries.forEach(e -> out.addAll(e.problems()));
            return List.copyOf(out);
        }
    }

    /** A subscription as written, before any check: the keys it may have, each of the type it must have. */
    record Written(String id, WrittenFilter filter, WrittenWebhook webhook, WrittenEmail email, WrittenSlack slack,
                   WrittenTelegram telegram, WrittenNtfy ntfy, WrittenCamel camel, String mode, WrittenDigest digest,
                   WrittenQuiet quiet, Boolean sourceHealth) {
    }

    /** A filter as written. */
    record WrittenFilter(List<String> actors, List<String> speaker, List<String> regions, List<String> sources,
                         List<String> keywords, List<String> language, List<String> verdicts) {
    }

    /** A webhook as written. */
    record WrittenWebhook(String url, String secret) {
    }

    /** An e-mail destination as written. */
    record WrittenEmail(List<String> to) {
    }

    /** A Slack incoming webhook as written. */
    record WrittenSlack(String url) {
    }

    /** A Telegram chat as written. */
    record WrittenTelegram(String token, String chat) {
    }

    /** An ntfy topic as written. */
    record WrittenNtfy(String url, String token) {
    }

    /** A Camel endpoint as written. */
    record WrittenCamel(String uri) {
    }

    /** A digest schedule as written. */
    record WrittenDigest(String cron, String zone) {
    }

    /** Quiet hours as written. */
    record WrittenQuiet(String from, String to, String zone) {
    }

    /** Reads a file's text (the API checks a change this way before it writes it). */
    Parsed parse(String yaml) {
        String name = file.toString();
        YamlLines lines;
        JsonNode doc;
        try {
            lines = YamlLines.of(yaml);
            doc = YAML.readTree(yaml);
        } catch (IOException e) {
            com.fasterxml.jackson.core.JsonLocation at = e instanceof JsonProcessingException j ? j.getLocation() : null;
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return new Parsed(List.of(), List.of(new ConfigProblem(name, at == null || at.getLineNr() < 1 ? null : at.getLineNr(), null,
                    "not valid YAML: " + message.replace('\n', ' '))), true);
        }
        if (doc == null || doc.isMissingNode() || doc.isNull()) {
            return new Parsed(List.of(), List.of(), false);
        }
        if (!doc.isObject() || !doc.has("subscriptions")) {
            return new Parsed(List.of(), List.of(new ConfigProblem(name, 1, null,
                    "no 'subscriptions:' list (the file starts with 'subscriptions:' and lists one subscription per '- id: …')")), true);
        }
        List<ConfigProblem> fileProblems = new ArrayList<>();
        doc.fieldNames().forEachRemaining(key -> {
            if (!key.equals("subscriptions")) {
                fileProblems.add(new ConfigProblem(name, lines.lineOf("/" + key), key,
                        "'" + key + "' is not a key of the file" + orKeys(key, List.of("subscriptions"))));
            }
        });
        lines.duplicates().forEach((p, line) -> {
            if (!p.startsWith("/subscriptions/")) {
                fileProblems.add(new ConfigProblem(name, line, YamlLines.key(p), "'" + last(p) + "' is given twice; only the last one would count"));
            }
        });
        JsonNode list = doc.path("subscriptions");
        if (list.isNull()) {
            return new Parsed(List.of(), List.copyOf(fileProblems), false);
        }
        if (!list.isArray()) {
            fileProblems.add(new ConfigProblem(name, lines.lineOf("/subscriptions"), "subscriptions",
                    "must be a list: one subscription per '- id: …'"));
            return new Parsed(List.of(), List.copyOf(fileProblems), true);
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            entries.add(entry(i, list.get(i), lines, ids));
        }
        return new Parsed(List.copyOf(entries), List.copyOf(fileProblems), false);
    }

    /** The problems of one entry, each with the line and key; the entry's keys of the wrong shape stop its check. */
    private final class Check {
        final String base;
        final String label;
        final YamlLines lines;
        final List<ConfigProblem> found = new ArrayList<>();

        Check(int index, String id, YamlLines lines) {
            this.base = "/subscriptions/" + index;
            this.label = id.isEmpty() ? "subscription #" + (index + 1) : "subscription '" + id + "'";
            this.lines = lines;
        }

        /** A problem with the value at {@code path} within the entry ({@code filter/actors/0}; empty: the entry). */
        void add(String path, String message) {
            String pointer = path.isEmpty() ? base : base + "/" + path;
            found.add(new ConfigProblem(file.toString(), lines.lineOf(pointer), YamlLines.key(pointer), label + ": " + message));
        }
    }

    private Entry entry(int index, JsonNode node, YamlLines lines, Set<String> ids) {
        String id = node.path("id").isValueNode() ? node.path("id").asText("").strip() : "";
        Check c = new Check(index, id, lines);
        lines.duplicates().forEach((p, line) -> {
            if (p.startsWith(c.base + "/")) {
                c.found.add(new ConfigProblem(file.toString(), line, YamlLines.key(p),
                        c.label + ": '" + last(p) + "' is given twice; only the last one would count"));
            }
        });
        if (!node.isObject()) {
            c.add("", "must be a mapping (id, filter, and a channel: webhook, email, slack, telegram, ntfy or camel), not " + describe(node));
            return new Entry(id, c.label, null, List.copyOf(c.found));
        }
        unknownKeys(node, Written.class, "", "a subscription", c);
        Written w;
        try {
            w = WRITTEN.readValue(node);
        } catch (JsonMappingException e) {
            c.add(path(e.getPath()), wrongShape(e));
            return new Entry(id, c.label, null, List.copyOf(c.found));
        } catch (IOException e) {
            c.add("", e.getMessage());
            return new Entry(id, c.label, null, List.copyOf(c.found));
        }
        if (id.isEmpty()) {
            c.add("", "'id' is missing (a stable name: it is used in alerts, logs, metrics and /api/subscriptions/{id})");
        } else if (!ids.add(id)) {
            c.add("id", "the id is used twice");
        }
        String mode = w.mode() == null ? "immediate" : w.mode().strip();
        Subscription.Digest digest = null;
        if (mode.equals("digest")) {
            String cron = w.digest() == null || w.digest().cron() == null ? "" : w.digest().cron();
            if (!org.quartz.CronExpression.isValidExpression(cron)) {
                c.add(w.digest() == null ? "mode" : "digest/cron", "digest.cron '" + cron
                        + "' is not a Quartz cron expression (seconds first, e.g. \"0 0 8,18 * * ?\")");
            }
            digest = new Subscription.Digest(cron, zone(w.digest() == null ? null : w.digest().zone(), "digest/zone", c));
            if (w.email() == null) {
                c.add("mode", "mode digest collects e-mail alerts; the subscription has no email");
            }
        } else if (!MODES.contains(mode)) {
            c.add("mode", "mode must be " + String.join(" or ", MODES) + ", not '" + mode + "'" + NearestNames.didYouMean(mode, MODES));
        }
        Subscription.Quiet quiet = null;
        if (w.quiet() != null) {
            try {
                quiet = new Subscription.Quiet(java.time.LocalTime.parse(Objects.requireNonNullElse(w.quiet().from(), "")),
                        java.time.LocalTime.parse(Objects.requireNonNullElse(w.quiet().to(), "")), zone(w.quiet().zone(), "quiet/zone", c));
            } catch (java.time.format.DateTimeParseException e) {
                c.add("quiet", "quiet.from and quiet.to must be times like \"22:00\" and \"07:00\"");
            }
        }
        Subscription.Webhook webhook = null;
        if (w.webhook() != null) {
            String url = expand(Objects.requireNonNullElse(w.webhook().url(), ""), "webhook/url", c);
            String secret = expand(Objects.requireNonNullElse(w.webhook().secret(), ""), "webhook/secret", c);
            checkUrl(url, "webhook/url", c);
            if (secret.isBlank() && c.found.stream().noneMatch(p -> p.key().endsWith("webhook.secret"))) {
                c.add("webhook", "webhook.secret is missing (set it from the environment: secret: \"${env:HOOK_SECRET}\")");
            }
            webhook = new Subscription.Webhook(url, secret);
        }
        Subscription.Email email = null;
        if (w.email() != null) {
            List<String> to = new ArrayList<>();
            List<String> written = values(w.email().to());
            for (int i = 0; i < written.size(); i++) {
                to.add(expand(written.get(i), "email/to/" + i, c));
            }
            if (to.isEmpty() || to.stream().anyMatch(t -> !t.matches("[^@\\s]+@[^@\\s]+"))) {
                c.add("email/to", "email.to must list addresses like desk@example.org, not " + to);
            }
            email = new Subscription.Email(to);
        }
        Subscription.Slack slack = w.slack() == null ? null : slack(w.slack(), c);
        Subscription.Telegram telegram = w.telegram() == null ? null : telegram(w.telegram(), c);
        Subscription.Ntfy ntfy = w.ntfy() == null ? null : ntfy(w.ntfy(), c);
        Subscription.Camel camel = w.camel() == null ? null : camel(w.camel(), c);
        if (w.webhook() == null && w.email() == null && slack == null && telegram == null && ntfy == null && camel == null) {
            c.add("", "has no channel (webhook, email, slack, telegram, ntfy or camel): alerts would go nowhere");
        }
        WrittenFilter f = w.filter() == null ? new WrittenFilter(null, null, null, null, null, null, null) : w.filter();
        checkFilter(f, c);
        Subscription subscription = null;
        if (c.found.isEmpty()) {
            subscription = new Subscription(id, new Subscription.Filter(set(f.actors()), set(f.speaker()), set(f.regions()),
                    set(f.sources()), values(f.keywords()), set(f.language()), set(f.verdicts())), webhook, email, mode, digest, quiet,
                    Boolean.TRUE.equals(w.sourceHealth()), slack, telegram, ntfy, camel);
        }
        return new Entry(id, c.label, subscription, List.copyOf(c.found));
    }

    /** The filter's values against the dictionaries, the verdicts and the language codes. */
    private void checkFilter(WrittenFilter f, Check c) {
        if (vocabulary != null) {
            for (String field : List.of("actors", "speaker")) {
                List<String> values = values("actors".equals(field) ? f.actors() : f.speaker());
                for (int i = 0; i < values.size(); i++) {
                    String v = values.get(i).strip();
                    if (!v.isEmpty() && !vocabulary.actors().containsKey(v.toLowerCase(Locale.ROOT))) {
                        String byName = vocabulary.actorNames().get(v.toLowerCase(Locale.ROOT));
                        c.add("filter/" + field + "/" + i, "'" + v + "' is not an actor id in the dictionaries"
                                + (byName != null ? "; it is the name of " + byName + ": a filter names the id"
                                : nearest(v, vocabulary.actors().values())));
                    }
                }
            }
            List<String> regions = values(f.regions());
            for (int i = 0; i < regions.size(); i++) {
                String v = regions.get(i).strip();
                if (!v.isEmpty() && !vocabulary.regions().containsKey(v.toLowerCase(Locale.ROOT))) {
                    c.add("filter/regions/" + i, "'" + v + "' is not a country, place or region in the dictionaries (by id or name)"
                            + nearest(v, vocabulary.regions().values()));
                }
            }
        }
        List<String> verdicts = values(f.verdicts());
        for (int i = 0; i < verdicts.size(); i++) {
            String v = verdicts.get(i).strip().toLowerCase(Locale.ROOT);
            if (!v.isEmpty() && !VERDICTS.contains(v)) {
                c.add("filter/verdicts/" + i, "'" + verdicts.get(i) + "' is not a verdict (" + String.join(", ", VERDICTS) + ")"
                        + NearestNames.didYouMean(v, VERDICTS));
            }
        }
        List<String> languages = values(f.language());
        for (int i = 0; i < languages.size(); i++) {
            String v = languages.get(i).strip().toLowerCase(Locale.ROOT);
            if (!v.isEmpty() && !LANGUAGES.contains(v)) {
                c.add("filter/language/" + i, "'" + languages.get(i) + "' is not an ISO 639-1 language code (en, ru, ar, …)"
                        + NearestNames.didYouMean(v, LANGUAGES));
            }
        }
    }

    /** {@code "; did you mean 'A', 'B' or 'C'?"}: the nearest known ids, or the empty string. */
    private static String nearest(String value, Collection<String> known) {
        return NearestNames.didYouMean(value, known);
    }

    /**
     * Names every key of an entry that no subscription has, at every level and in the order
     * written, before Jackson reads the entry (which would stop at the first): each with the
     * nearest key of its place, or the keys there are.
     */
    private static void unknownKeys(JsonNode node, Class<?> type, String path, String where, Check c) {
        if (!node.isObject() || !type.isRecord()) {
            return;
        }
        List<java.lang.reflect.RecordComponent> components = List.of(type.getRecordComponents());
        List<String> known = components.stream().map(java.lang.reflect.RecordComponent::getName).toList();
        for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String at = path.isEmpty() ? name : path + "/" + name;
            int i = known.indexOf(name);
            if (i < 0) {
                c.add(at, "'" + name + "' is not a key of " + where + orKeys(name, known));
            } else {
                unknownKeys(node.get(name), components.get(i).getType(), at, name, c);
            }
        }
    }

    /** {@code "; did you mean 'actors'?"}, or the list of the known keys when none is near. */
    private static String orKeys(String key, List<String> known) {
        String near = NearestNames.didYouMean(key, known);
        return near.isEmpty() ? "; the keys are " + String.join(", ", known) : near;
    }

    /** What a value of the wrong shape should have been, for a message a user can act on. */
    private static String wrongShape(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        String key = path.isEmpty() ? "the subscription" : "'" + path(path).replaceAll("/(\\d+)", "[$1]").replace('/', '.') + "'";
        Class<?> target = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m ? m.getTargetType() : null;
        String shape;
        if (target == null) {
            shape = "of another shape";
        } else if (target.isRecord()) {
            shape = "a mapping of keys (like { " + Arrays.stream(target.getRecordComponents()).limit(2)
                    .map(r -> r.getName() + ": …").reduce((a, b) -> a + ", " + b).orElse("") + " })";
        } else if (Collection.class.isAssignableFrom(target)) {
            shape = "a list of values, like [a, b]";
        } else if (target == Boolean.class || target == boolean.class) {
            shape = "true or false";
        } else {
            shape = "a single value";
        }
        return key + " must be " + shape;
    }

    private static String describe(JsonNode node) {
        return node.isArray() ? "a list" : node.isNull() ? "empty" : "'" + node.asText() + "'";
    }

    /** The pointer path ({@code filter/actors/0}) of a Jackson error's path. */
    private static String path(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()));
        }
        return out.toString();
    }

    private static String last(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }

    private String expand(String value, String path, Check c) {
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                c.add(path, path.replaceAll("/\\d+$", "").replace('/', '.') + ": the environment variable " + m.group(1) + " is not set");
                v = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    /**
     * Checks the http(s) URL at {@code path} ({@code webhook/url}); returns it as a URI, or {@code null}
     * when it is not one. {@code shown} is how messages show it: a URL that is a secret is not shown.
     */
    private URI checkUrl(String url, String path, String shown, Check c) {
        String key = path.replace('/', '.');
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            c.add(path, key + " " + shown + " is not a URL");
            return null;
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            c.add(path, key + " must be an http(s) URL, not " + shown);
            return null;
        }
        if (!allowPrivate && isLinkLocal(uri.getHost())) {
            c.add(path, key + " " + shown + " points at a link-local or cloud metadata address; "
                    + "set dipwatch.webhook.allow-private=true if that is really meant");
        }
        return uri;
    }

    private void checkUrl(String url, String path, Check c) {
        checkUrl(url, path, "'" + url + "'", c);
    }

    /**
     * A secret that must come from the environment: the value names at least one {@code ${env:NAME}}
     * (the whole token, or the secret part of a URL such as Slack's {@code …/services/${env:HOOK}}),
     * never the file alone, which is often kept in git; expanded, empty when it is missing or written out.
     */
    private String secret(String written, String path, String example, Check c) {
        String key = path.replace('/', '.');
        String value = written == null ? "" : written.strip();
        if (value.isEmpty()) {
            c.add(path.substring(0, path.lastIndexOf('/')), key + " is missing (set it from the environment: "
                    + last(path) + ": \"${env:" + example + "}\")");
            return "";
        }
        if (!ENV.matcher(value).find()) {
            c.add(path, key + " is a secret and comes from the environment only, not the file: write "
                    + last(path) + ": \"${env:" + example + "}\" and set " + example);
            return "";
        }
        return expand(value, path, c);
    }

    /** A Slack incoming webhook: its URL, a secret, from the environment. */
    private Subscription.Slack slack(WrittenSlack written, Check c) {
        String url = secret(written.url(), "slack/url", "SLACK_WEBHOOK_URL", c);
        if (!url.isEmpty()) {
            checkUrl(url, "slack/url", "(from the environment)", c);
        }
        return new Subscription.Slack(url);
    }

    /** A Telegram chat: the bot's token from the environment, and the chat's id or @name. */
    private Subscription.Telegram telegram(WrittenTelegram written, Check c) {
        String token = secret(written.token(), "telegram/token", "TELEGRAM_BOT_TOKEN", c);
        String chat = written.chat() == null ? "" : expand(written.chat().strip(), "telegram/chat", c);
        if (!TELEGRAM_CHAT.matcher(chat).matches()) {
            c.add(written.chat() == null ? "telegram" : "telegram/chat", "telegram.chat must be a chat id like -1001234567890 "
                    + "or a public channel's @name, not '" + chat + "'");
        }
        return new Subscription.Telegram(token, chat);
    }

    /** An ntfy topic: its URL (server and topic), and an access token from the environment when given. */
    private Subscription.Ntfy ntfy(WrittenNtfy written, Check c) {
        String url = expand(Objects.requireNonNullElse(written.url(), "").strip(), "ntfy/url", c);
        URI uri = checkUrl(url, "ntfy/url", "'" + url + "'", c);
        if (uri != null && !NTFY_TOPIC.matcher(Objects.requireNonNullElse(uri.getPath(), "")).matches()) {
            c.add("ntfy/url", "ntfy.url must be a topic's URL, the server and one topic name of letters, digits, - and _ "
                    + "(https://ntfy.sh/dipwatch-desk), not '" + url + "'");
        }
        String token = written.token() == null ? null : secret(written.token(), "ntfy/token", "NTFY_TOKEN", c);
        return new Subscription.Ntfy(url, token);
    }

    /** A Camel endpoint: a URI with a scheme; whether its component is there is known when it is first used. */
    private Subscription.Camel camel(WrittenCamel written, Check c) {
        String uri = expand(Objects.requireNonNullElse(written.uri(), "").strip(), "camel/uri", c);
        if (!CAMEL_URI.matcher(uri).matches()) {
            c.add(written.uri() == null ? "camel" : "camel/uri", "camel.uri must be a Camel endpoint URI, the component's name, "
                    + "a colon and the rest (kafka:alerts?brokers=localhost:9092, seda:alerts, file:/var/dipwatch/alerts), not '"
                    + uri + "'");
        }
        return new Subscription.Camel(uri);
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

    private static java.time.ZoneId zone(String name, String path, Check c) {
        String zone = name == null || name.isBlank() ? "UTC" : name.strip();
        try {
            return java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            c.add(path, path.replace('/', '.') + " '" + zone + "' is not a time zone (e.g. Europe/Berlin, UTC)");
            return java.time.ZoneOffset.UTC;
        }
    }

    /** The values of a list as written, without empty ones' {@code null}s. */
    private static List<String> values(List<String> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }

    private static Set<String> set(List<String> list) {
        return new LinkedHashSet<>(values(list));
    }
}
