package org.dipwatch.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dipwatch.classify.Alias.CaseRule;
import org.dipwatch.classify.Alias.Form;
import org.dipwatch.classify.Entry.Type;

/**
 * The classifier's data: countries (an extract of the world-countries data set, ODbL), their and
 * their capitals' names in other languages (CLDR, {@code names-cldr.csv}), and the curated YAML
 * files for states, regions, places, organisations, institutions, officials, statement cues and
 * phrases to ignore. An entry's {@code names} map holds its names in other languages by ISO 639-1
 * code; they are looked for in texts of that language only, inflected forms included. The packaged files load first; a file of the same name in
 * the home's {@code classify/} folder adds entries, and an entry with the same id replaces the
 * packaged one. Every problem found names the file and the entry.
 */
public final class Dictionaries {

    /** The YAML files, in load order. */
    static final List<String> FILES = List.of("states.yaml", "regions.yaml", "places.yaml", "organisations.yaml",
            "institutions.yaml", "officials.yaml", "statements.yaml", "ignore.yaml");
    static final String COUNTRIES = "countries.csv";
    /** Country and capital names in other languages, generated from CLDR (see the file's header). */
    static final String CLDR_NAMES = "names-cldr.csv";
    private static final java.util.regex.Pattern LANGUAGE_CODE = java.util.regex.Pattern.compile("[a-z]{2}");
    private static final String PACKAGED = "/classify/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Country> countries = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Cues cues;
    private final Map<String, List<Entry>> regionsByCountry = new HashMap<>();

    /** Facts about a country from the data set: where it lies and its capitals. */
    record Country(String id, String name, String continent, String subregion, List<String> capitals) {
    }

    private Dictionaries(Path homeDir) {
        loadCountries();
        JsonNode statements = null;
        for (String file : FILES) {
            List<JsonNode> docs = new ArrayList<>();
            readPackaged(file).ifPresent(docs::add);
            if (homeDir != null && Files.isRegularFile(homeDir.resolve(file))) {
                readFile(homeDir.resolve(file)).ifPresent(docs::add);
            }
            for (JsonNode doc : docs) {
                String source = doc.path("__source").asText(file);
                switch (file) {
                    case "states.yaml" -> each(doc, "states", source, this::state);
                    case "regions.yaml" -> each(doc, "regions", source, this::region);
                    case "places.yaml" -> each(doc, "places", source, this::place);
                    case "organisations.yaml" -> each(doc, "organisations", source, this::organisation);
                    case "institutions.yaml" -> {
                        each(doc, "kinds", source, this::institutionKind);
                        each(doc, "named", source, this::institution);
                    }
                    case "officials.yaml" -> each(doc, "officials", source, this::official);
                    case "statements.yaml" -> {
                        // the home's file adds to the packaged lists (cues, country roles, kinds)
                        statements = statements == null ? doc.deepCopy() : merged(statements, doc);
                        each(doc, "roles", source, this::role);
                    }
                    case "ignore.yaml" -> each(doc, "ignore", source, this::ignore);
                    default -> throw new IllegalStateException(file);
                }
            }
        }
        addCapitals();
        addCldrNames();
        cues = Cues.from(statements, problems);
        checkReferences();
        for (Entry e : entries.values()) {
            if (e.type() == Type.REGION) {
                e.countries().forEach(c -> regionsByCountry.computeIfAbsent(c, k -> new ArrayList<>()).add(e));
            }
        }
    }

    /** The packaged dictionaries with the additions and replacements in {@code homeDir} (may be {@code null} or absent). */
    public static Dictionaries load(Path homeDir) {
        return new Dictionaries(homeDir);
    }

    /** Every problem found while loading, each naming the file and entry; empty when all is well. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Number of entries by type, for logs and {@code check-config}. */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            out.merge(e.type().label(), 1, Integer::sum);
        }
        return out;
    }

    /**
     * Every actor id a tag can carry, lower case to as written: states (alpha-3), institutions,
     * organisations, officials, and each state's generic institutions ({@code RUS-MFA}: a state's
     * id, a dash and an institution kind). What a subscription's {@code actors} and {@code speaker} may name.
     */
    public Map<String, String> actorIds() {
        Map<String, String> out = new HashMap<>();
        List<Entry> kinds = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.type().isActor()) {
                out.put(e.id().toLowerCase(Locale.ROOT), e.id());
            } else if (e.type() == Type.INSTITUTION_KIND) {
                kinds.add(e);
            }
        }
        for (Entry state : entries.values()) {
            if (state.type() == Type.STATE) {
                for (Entry kind : kinds) {
                    String id = state.id() + "-" + kind.kind();
                    out.putIfAbsent(id.toLowerCase(Locale.ROOT), id);
                }
            }
        }
        return out;
    }

    /** The names of the listed actors, lower case, to their ids ({@code russia} → {@code RUS}): a filter names ids, not names. */
    public Map<String, String> actorNames() {
        Map<String, String> out = new HashMap<>();
        for (Entry e : entries.values()) {
            if (e.type().isActor()) {
                out.putIfAbsent(e.name().toLowerCase(Locale.ROOT), e.id());
            }
        }
        return out;
    }

    /**
     * Every value a region tag can carry, lower case to as written: the id and name of each
     * country, place and common region, and each sub-region and continent by name and by code
     * ({@code Western Asia}, {@code WESTERN_ASIA}). What a subscription's {@code regions} may name.
     */
    public Map<String, String> regionTerms() {
        Map<String, String> out = new HashMap<>();
        for (Entry e : entries.values()) {
            if (e.type() == Type.STATE || e.type() == Type.PLACE || e.type() == Type.REGION) {
                out.putIfAbsent(e.id().toLowerCase(Locale.ROOT), e.id());
                out.putIfAbsent(e.name().toLowerCase(Locale.ROOT), e.name());
            }
        }
        for (Country c : countries.values()) {
            for (String larger : new String[] {c.subregion(), c.continent()}) {
                if (larger != null && !larger.isBlank()) {
                    out.putIfAbsent(larger.toLowerCase(Locale.ROOT), larger);
                    out.putIfAbsent(regionCode(larger).toLowerCase(Locale.ROOT), regionCode(larger));
                }
            }
        }
        return out;
    }

    /** The code of a sub-region or continent, as region tags carry it: {@code Western Asia} → {@code WESTERN_ASIA}. */
    static String regionCode(String name) {
        // a few dozen sub-regions and continents, asked for each place of each article: made once each
        return REGION_CODES.computeIfAbsent(name, n -> EDGE_UNDERSCORE.matcher(NOT_CODE.matcher(n.toUpperCase(Locale.ROOT))
                .replaceAll("_")).replaceAll(""));
    }

    private static final java.util.regex.Pattern NOT_CODE = java.util.regex.Pattern.compile("[^A-Z0-9]+");
    private static final java.util.regex.Pattern EDGE_UNDERSCORE = java.util.regex.Pattern.compile("(^_|_$)");
    private static final java.util.Map<String, String> REGION_CODES = new java.util.concurrent.ConcurrentHashMap<>();

    Collection<Entry> entries() {
        return entries.values();
    }

    Entry entry(String id) {
        return entries.get(id);
    }

    /**
     * The actor entry with this id: a listed entry, or the institution a state's id and a generic
     * kind name together ({@code RUS-DEFENCE}: Russia's defence ministry); {@code null} when neither.
     */
    Entry actor(String id) {
        Entry e = entries.get(id);
        if (e != null) {
            return e;
        }
        int dash = id.indexOf('-');
        if (dash < 0) {
            return null;
        }
        Entry state = entries.get(id.substring(0, dash));
        Entry kind = entries.get(id.substring(dash + 1));
        if (state == null || state.type() != Type.STATE || kind == null || kind.type() != Type.INSTITUTION_KIND) {
            return null;
        }
        return new Entry(id, Type.INSTITUTION, state.name() + " " + kind.name(), state.id(), null, null, kind.kind(),
                List.of(), List.of(), List.of(), kind.source());
    }

    /** The common regions (regions.yaml) that contain a country. */
    List<Entry> regionsOf(String countryId) {
        return regionsByCountry.getOrDefault(countryId, List.of());
    }

    Country country(String id) {
        return countries.get(id);
    }

    Cues cues() {
        return cues;
    }

    // --- countries.csv ---------------------------------------------------------------------

    private void loadCountries() {
        CsvMapper csv = new CsvMapper();
        try (InputStream in = Dictionaries.class.getResourceAsStream(PACKAGED + COUNTRIES);
             MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(requireResource(in))) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                String id = row.get("id");
                List<String> capitals = split(row.get("capitals"));
                countries.put(id, new Country(id, row.get("name"), row.get("continent"), row.get("subregion"), capitals));
                List<Alias> aliases = new ArrayList<>();
                aliases.add(plain(row.get("name"), Form.NAME));
                if (!row.getOrDefault("official_name", "").isBlank()) {
                    aliases.add(plain(row.get("official_name"), Form.NAME));
                }
                for (String alt : split(row.get("alt_names"))) {
                    // an all-capitals short code (the data set's alt spellings) must match exactly: "IT" is not "it"
                    boolean code = alt.length() <= 4 && alt.equals(alt.toUpperCase(Locale.ROOT));
                    aliases.add(new Alias(alt, Form.NAME, code ? CaseRule.EXACT : CaseRule.AS_WRITTEN, false, List.of()));
                }
                // a dependent territory shares its sovereign's demonym ("French", "American"): it stays the sovereign's
                if (!row.getOrDefault("demonym", "").isBlank() && !"false".equals(row.get("independent"))) {
                    aliases.add(plain(row.get("demonym"), Form.DEMONYM));
                }
                entries.put(id, new Entry(id, Type.STATE, row.get("name"), id, null, null, null, aliases, List.of(),
                        List.of(), COUNTRIES));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + COUNTRIES, e);
        }
    }

    private static InputStream requireResource(InputStream in) {
        if (in == null) {
            throw new IllegalStateException(COUNTRIES + " is missing from the jar");
        }
        return in;
    }

    /** Capitals of the data set become places, unless a places.yaml entry already names them. */
    private void addCapitals() {
        Map<String, Boolean> named = new HashMap<>();
        for (Entry e : entries.values()) {
            if (e.type() == Type.PLACE) {
                for (Alias a : e.aliases()) {
                    named.put(a.text().toLowerCase(Locale.ROOT), true);
                }
            }
        }
        for (Country c : countries.values()) {
            for (String capital : c.capitals()) {
                if (capital.isBlank() || named.containsKey(capital.toLowerCase(Locale.ROOT))) {
                    continue;
                }
                String id = slug(capital) + "-" + c.id().toLowerCase(Locale.ROOT);
                entries.putIfAbsent(id, new Entry(id, Type.PLACE, capital, c.id(), c.id(), null, "capital",
                        List.of(plain(capital, Form.NAME)), List.of(), List.of(), COUNTRIES));
            }
        }
    }

    /**
     * Adds the names of {@code names-cldr.csv}: a country's names in each language to its state, a
     * capital's to the place that the English capital name is (a curated place of places.yaml, or the
     * capital added from countries.csv), and, where the state has the English capital as a metonym
     * ("Moscow said"), to the state as a metonym too ("Москва призывает").
     */
    private void addCldrNames() {
        Map<String, List<Entry>> placesByName = new HashMap<>();
        for (Entry e : entries.values()) {
            if (e.type() == Type.PLACE) {
                for (Alias a : e.aliases()) {
                    if (a.language() == null) {
                        placesByName.computeIfAbsent(a.text().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e);
                    }
                }
            }
        }
        Map<String, List<Alias>> added = new LinkedHashMap<>();
        CsvMapper csv = new CsvMapper();
        try (InputStream in = Dictionaries.class.getResourceAsStream(PACKAGED + CLDR_NAMES)) {
            if (in == null) {
                problems.add(CLDR_NAMES + ": missing from the jar; names in other languages come only from the YAML files");
                return;
            }
            java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            String line;
            StringBuilder body = new StringBuilder();
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("#")) {
                    body.append(line).append('\n');
                }
            }
            MappingIterator<Map<String, String>> rows = csv.readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(body.toString());
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                String id = row.get("id");
                String language = row.get("language");
                String name = row.get("name");
                Entry state = entries.get(id);
                if (state == null || state.type() != Type.STATE || name == null || name.isBlank()) {
                    continue;
                }
                Alias alias = plain(name, Form.NAME).in(language);
                if ("country".equals(row.get("kind"))) {
                    added.computeIfAbsent(id, k -> new ArrayList<>()).add(alias);
                    continue;
                }
                String english = row.get("english");
                Entry place = capitalPlace(placesByName.getOrDefault(english.toLowerCase(Locale.ROOT), List.of()), id);
                if (place != null) {
                    added.computeIfAbsent(place.id(), k -> new ArrayList<>()).add(alias);
                }
                if (state.aliases().stream().anyMatch(a -> a.form() == Form.METONYM && a.language() == null && a.text().equals(english))) {
                    added.computeIfAbsent(id, k -> new ArrayList<>()).add(new Alias(name, Form.METONYM, CaseRule.AS_WRITTEN, false, List.of(), language));
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(CLDR_NAMES + ": cannot be read: " + e.getMessage());
            return;
        }
        added.forEach((id, aliases) -> {
            Entry e = entries.get(id);
            List<Alias> all = new ArrayList<>(e.aliases());
            all.addAll(aliases);
            entries.put(id, new Entry(e.id(), e.type(), e.name(), e.country(), e.parent(), e.organisation(), e.kind(), all,
                    e.roles(), e.countries(), e.source()));
        });
    }

    /** Of the places with a capital's English name, the one in that country (or in none: Jerusalem). */
    private Entry capitalPlace(List<Entry> candidates, String country) {
        Entry best = null;
        for (Entry e : candidates) {
            String in = countryOfPlace(e);
            if (country.equals(in)) {
                return e;
            }
            if (in == null && best == null) {
                best = e;
            }
        }
        return best;
    }

    // --- YAML entries ----------------------------------------------------------------------

    private interface EntryReader {
        void read(JsonNode node, String source);
    }

    private void each(JsonNode doc, String field, String source, EntryReader reader) {
        JsonNode list = doc.path(field);
        if (list.isMissingNode() || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            problems.add(source + ": '" + field + "' must be a list");
            return;
        }
        for (JsonNode node : list) {
            try {
                reader.read(node, source);
            } catch (IllegalArgumentException e) {
                problems.add(source + ": entry '" + node.path("id").asText("?") + "': " + e.getMessage());
            }
        }
    }

    private void state(JsonNode n, String source) {
        String id = required(n, "id");
        Entry base = entries.get(id);
        List<Alias> curated = new ArrayList<>();
        curated.addAll(aliases(n.path("aliases"), Form.NAME));
        curated.addAll(aliases(n.path("demonyms"), Form.DEMONYM));
        curated.addAll(aliases(n.path("metonyms"), Form.METONYM));
        curated.addAll(names(n.path("names"), Form.NAME));
        curated.addAll(names(n.path("demonym_names"), Form.DEMONYM));
        curated.addAll(names(n.path("metonym_names"), Form.METONYM));
        List<Alias> aliases = new ArrayList<>();
        if (base != null && base.type() == Type.STATE && COUNTRIES.equals(base.source())) {
            // the data set's names stay, unless the curated file says how to read the same words ("Jordan": ambiguous)
            for (Alias a : base.aliases()) {
                if (curated.stream().noneMatch(c -> c.text().equalsIgnoreCase(a.text()))) {
                    aliases.add(a);
                }
            }
        }
        aliases.addAll(curated);
        String name = n.path("name").asText(base != null ? base.name() : id);
        if (base == null && !countries.containsKey(id)) {
            countries.put(id, new Country(id, name, n.path("continent").asText(null), n.path("subregion").asText(null), List.of()));
        }
        put(new Entry(id, Type.STATE, name, id, null, null, null, aliases, List.of(), List.of(), source));
    }

    private void region(JsonNode n, String source) {
        List<String> members = new ArrayList<>();
        n.path("countries").forEach(c -> members.add(c.asText()));
        put(new Entry(required(n, "id"), Type.REGION, required(n, "name"), null, null, null, null,
                withName(n, Form.NAME), List.of(), members, source));
    }

    private void place(JsonNode n, String source) {
        put(new Entry(required(n, "id"), Type.PLACE, required(n, "name"), text(n, "country"), text(n, "parent"), null,
                text(n, "kind"), withName(n, Form.NAME), List.of(), List.of(), source));
    }

    private void organisation(JsonNode n, String source) {
        put(new Entry(required(n, "id"), Type.ORGANISATION, required(n, "name"), text(n, "country"), text(n, "parent"), null,
                text(n, "kind"), withName(n, Form.NAME), List.of(), List.of(), source));
    }

    private void institutionKind(JsonNode n, String source) {
        put(new Entry(required(n, "id"), Type.INSTITUTION_KIND, n.path("name").asText(required(n, "id")), null, null, null,
                required(n, "id"), aliasesAndNames(n), List.of(), List.of(), source));
    }

    private void institution(JsonNode n, String source) {
        put(new Entry(required(n, "id"), Type.INSTITUTION, required(n, "name"), required(n, "country"), null, null,
                text(n, "kind"), aliasesAndNames(n), List.of(), List.of(), source));
    }

    private static List<Alias> aliasesAndNames(JsonNode n) {
        List<Alias> out = new ArrayList<>(aliases(n.path("aliases"), Form.NAME));
        out.addAll(names(n.path("names"), Form.NAME));
        return out;
    }

    private void official(JsonNode n, String source) {
        List<Alias> aliases = new ArrayList<>(withName(n, Form.NAME));
        aliases.addAll(aliases(n.path("short"), Form.SHORT));
        List<Entry.Role> roles = new ArrayList<>();
        for (JsonNode r : n.path("roles")) {
            LocalDate from = date(r, "from", false);
            LocalDate to = date(r, "to", true);
            if (from != null && to != null && to.isBefore(from)) {
                throw new IllegalArgumentException("role '" + r.path("title").asText() + "' ends (" + to + ") before it starts (" + from + ")");
            }
            roles.add(new Entry.Role(r.path("title").asText(null), r.path("kind").asText("other"), from, to));
        }
        put(new Entry(required(n, "id"), Type.OFFICIAL, required(n, "name"), text(n, "country"), null,
                text(n, "organisation"), null, aliases, roles, List.of(), source));
    }

    private void role(JsonNode n, String source) {
        put(new Entry("role:" + required(n, "id"), Type.ROLE, required(n, "id"), null, null, null, required(n, "id"),
                aliases(n.path("aliases"), Form.NAME), List.of(), List.of(), source));
    }

    private void ignore(JsonNode n, String source) {
        String text = n.isTextual() ? n.asText() : required(n, "text");
        put(new Entry("ignore:" + text, Type.IGNORE, text, null, null, null, null,
                List.of(new Alias(text, Form.NAME, CaseRule.AS_WRITTEN, false, List.of())), List.of(), List.of(), source));
    }

    private void put(Entry e) {
        Entry before = entries.get(e.id());
        if (before != null && before.source().equals(e.source())) {
            problems.add(e.source() + ": id '" + e.id() + "' appears twice");
        }
        entries.put(e.id(), e);
    }

    /** The entry's name as an alias, then its listed aliases, then its names in other languages. */
    private static List<Alias> withName(JsonNode n, Form form) {
        List<Alias> out = new ArrayList<>();
        out.add(plain(required(n, "name"), form));
        for (Alias a : aliases(n.path("aliases"), form)) {
            if (!a.text().equals(out.get(0).text())) {
                out.add(a);
            }
        }
        out.addAll(names(n.path("names"), form));
        return out;
    }

    /**
     * Reads a {@code names} map: for each ISO 639-1 code, a list of aliases (as {@link #aliases}) that
     * are looked for in texts of that language, inflected forms included.
     */
    static List<Alias> names(JsonNode map, Form form) {
        List<Alias> out = new ArrayList<>();
        if (map.isMissingNode() || map.isNull()) {
            return out;
        }
        if (!map.isObject()) {
            throw new IllegalArgumentException("'names' must map a language code (ru, ar, zh, ...) to a list of names");
        }
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> lang = it.next();
            if (!LANGUAGE_CODE.matcher(lang.getKey()).matches()) {
                throw new IllegalArgumentException("names: '" + lang.getKey() + "' is not an ISO 639-1 language code (ru, ar, zh, ...)");
            }
            for (Alias a : aliases(lang.getValue(), form)) {
                out.add(a.in(lang.getKey()));
            }
        }
        return out;
    }

    /** Reads a list of aliases: plain strings, or {text, case, ambiguous, unless_near} objects. */
    static List<Alias> aliases(JsonNode list, Form form) {
        List<Alias> out = new ArrayList<>();
        for (JsonNode a : list) {
            if (a.isTextual()) {
                out.add(plain(a.asText(), form));
                continue;
            }
            String text = required(a, "text");
            CaseRule rule = switch (a.path("case").asText("as_written").toLowerCase(Locale.ROOT)) {
                case "exact" -> CaseRule.EXACT;
                case "any", "insensitive" -> CaseRule.ANY;
                case "as_written", "default" -> CaseRule.AS_WRITTEN;
                default -> throw new IllegalArgumentException("alias '" + text + "': case must be exact, any or as_written, not '"
                        + a.path("case").asText() + "'");
            };
            List<String> near = new ArrayList<>();
            a.path("unless_near").forEach(w -> near.add(w.asText()));
            out.add(new Alias(text, form, rule, a.path("ambiguous").asBoolean(false), near));
        }
        return out;
    }

    private static Alias plain(String text, Form form) {
        return new Alias(text, form, CaseRule.AS_WRITTEN, false, List.of());
    }

    private void checkReferences() {
        for (Entry e : entries.values()) {
            if (e.country() != null && !countries.containsKey(e.country())) {
                problems.add(e.source() + ": entry '" + e.id() + "': country '" + e.country() + "' is not a known alpha-3 code");
            }
            if (e.type() == Type.PLACE && e.parent() != null && !entries.containsKey(e.parent())) {
                problems.add(e.source() + ": entry '" + e.id() + "': parent '" + e.parent() + "' is neither a place nor a country");
            }
            if (e.type() == Type.ORGANISATION && e.parent() != null && !entries.containsKey(e.parent())) {
                problems.add(e.source() + ": entry '" + e.id() + "': parent '" + e.parent() + "' is not an organisation");
            }
            if (e.type() == Type.OFFICIAL && e.organisation() != null && actor(e.organisation()) == null) {
                problems.add(e.source() + ": entry '" + e.id() + "': organisation '" + e.organisation() + "' is not an institution, organisation or state");
            }
            for (String member : e.countries()) {
                if (!countries.containsKey(member)) {
                    problems.add(e.source() + ": entry '" + e.id() + "': country '" + member + "' is not a known alpha-3 code");
                }
            }
            if (e.aliases().isEmpty()) {
                problems.add(e.source() + ": entry '" + e.id() + "' has no name or alias to match");
            }
        }
        for (Entry e : entries.values()) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Entry p = e; p != null && p.type() == Type.PLACE && p.parent() != null; p = entries.get(p.parent())) {
                if (!seen.add(p.id())) {
                    problems.add(e.source() + ": entry '" + e.id() + "': its parents form a loop through '" + p.id() + "'");
                    break;
                }
            }
        }
    }

    /** The alpha-3 a place lies in, following parents; {@code null} for a place in no country (a sea). */
    String countryOfPlace(Entry place) {
        Entry e = place;
        for (int depth = 0; e != null && depth < 10; depth++) {
            if (e.type() == Type.STATE) {
                return e.id();
            }
            if (e.country() != null && e.type() == Type.PLACE && e.parent() == null) {
                return e.country();
            }
            e = e.parent() == null ? null : entries.get(e.parent());
        }
        return null;
    }

    private Optional<JsonNode> readPackaged(String file) {
        try (InputStream in = Dictionaries.class.getResourceAsStream(PACKAGED + file)) {
            if (in == null) {
                problems.add(file + ": missing from the jar");
                return Optional.empty();
            }
            byte[] yaml = in.readAllBytes();
            JsonNode tree = PackagedDictionaries.tree(file, yaml).orElse(null);
            return Optional.of(tagged(tree != null ? tree : YAML.readTree(yaml), file));
        } catch (IOException e) {
            problems.add(file + " (packaged): not valid YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<JsonNode> readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode doc = YAML.readTree(in);
            return doc == null ? Optional.empty() : Optional.of(tagged(doc, file.toString()));
        } catch (IOException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
            return Optional.empty();
        }
    }

    /**
     * {@code base} with {@code more} added: lists are joined, maps merged key by key, and any other
     * value of {@code more} replaces the one in {@code base} (a kind's weight).
     */
    static JsonNode merged(JsonNode base, JsonNode more) {
        if (base instanceof com.fasterxml.jackson.databind.node.ObjectNode object && more.isObject()) {
            more.fields().forEachRemaining(e -> {
                JsonNode old = object.get(e.getKey());
                object.set(e.getKey(), old == null ? e.getValue().deepCopy() : merged(old, e.getValue()));
            });
            return object;
        }
        if (base instanceof com.fasterxml.jackson.databind.node.ArrayNode array && more.isArray()) {
            more.forEach(v -> array.add(v.deepCopy()));
            return array;
        }
        return more.deepCopy();
    }

    private static JsonNode tagged(JsonNode doc, String source) {
        if (doc instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.put("__source", source);
        }
        return doc;
    }

    private static String required(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    /**
     * A date of office: {@code YYYY-MM-DD}, or {@code YYYY-MM} / {@code YYYY} where the day is not
     * known, read as the first day of that month or year for a start and the last day for an end.
     */
    private static LocalDate date(JsonNode n, String field, boolean end) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            if (v.matches("\\d{4}")) {
                java.time.Year year = java.time.Year.parse(v);
                return end ? year.atMonth(12).atEndOfMonth() : year.atDay(1);
            }
            if (v.matches("\\d{4}-\\d{2}")) {
                java.time.YearMonth month = java.time.YearMonth.parse(v);
                return end ? month.atEndOfMonth() : month.atDay(1);
            }
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not a date (YYYY-MM-DD, YYYY-MM or YYYY): " + v);
        }
    }

    private static List<String> split(String cell) {
        List<String> out = new ArrayList<>();
        if (cell != null) {
            for (String s : cell.split("\\|")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    static String slug(String s) {
        String ascii = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
