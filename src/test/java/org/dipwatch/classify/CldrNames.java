package org.dipwatch.classify;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.ibm.icu.text.DisplayContext;
import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.text.TimeZoneNames;
import com.ibm.icu.util.LocaleData;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.VersionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code classify/names-cldr.csv}: every country of {@code countries.csv} and its capital,
 * named in each supported language by CLDR through ICU4J. Country names are CLDR's region display
 * names (the standard one and, where CLDR has it, the short one: "США"); capitals are CLDR's
 * exemplar city of the country's time zone whose English exemplar city is the capital (capitals
 * without a time zone of their own, such as Washington or Beijing, are left to the YAML files).
 *
 * <p>Run after an ICU upgrade, from the repository root:
 * {@code ./mvnw -q -o test-compile exec:java -Dexec.mainClass=org.dipwatch.classify.CldrNames -Dexec.classpathScope=test}
 * ({@code CldrNamesTest} fails while the packaged file differs from what this writes).
 */
public final class CldrNames {

    /** The languages whose names are written, besides English (ISO 639-1). */
    static final List<String> LANGUAGES = List.of("ru", "uk", "ar", "fa", "he", "zh", "tr", "fr", "es", "de");
    static final Path FILE = Path.of("src/main/resources/classify/names-cldr.csv");

    private CldrNames() {
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(FILE, generate(), StandardCharsets.UTF_8);
        System.out.println("wrote " + FILE);
    }

    /** The file's text. */
    static String generate() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# names-cldr.csv: countries and capitals named in other languages, generated from CLDR ")
                .append(LocaleData.getCLDRVersion()).append(" (ICU4J ").append(VersionInfo.ICU_VERSION).append(").\n")
                .append("# Do not edit: regenerate with CldrNames (src/test/java/org/dipwatch/classify/), and add or correct\n")
                .append("# names in the `names:` of states.yaml or places.yaml, which are read as well.\n")
                .append("# kind: country = CLDR region name (standard and short); capital = CLDR exemplar city of the\n")
                .append("# capital's time zone. english: the country's or capital's name in countries.csv.\n")
                .append("# Data: Unicode CLDR, Unicode License v3 (https://www.unicode.org/license.txt).\n")
                .append("id,language,kind,english,name\n");
        TimeZoneNames englishZones = TimeZoneNames.getInstance(ULocale.ENGLISH);
        for (Map<String, String> row : countries()) {
            String iso2 = row.get("iso2");
            String id = row.get("id");
            if (iso2 == null || iso2.isBlank()) {
                continue;
            }
            for (String lang : LANGUAGES) {
                ULocale locale = new ULocale(lang);
                Set<String> names = new LinkedHashSet<>();
                names.add(LocaleDisplayNames.getInstance(locale, DisplayContext.LENGTH_FULL).regionDisplayName(iso2));
                names.add(LocaleDisplayNames.getInstance(locale, DisplayContext.LENGTH_SHORT).regionDisplayName(iso2));
                for (String name : names) {
                    if (!name.equals(iso2)) {
                        out.append(line(id, lang, "country", row.get("name"), name));
                    }
                }
            }
            for (String capital : row.getOrDefault("capitals", "").split("\\|")) {
                String zone = zoneOf(iso2, capital.strip(), englishZones);
                if (zone == null) {
                    continue;
                }
                for (String lang : LANGUAGES) {
                    String name = TimeZoneNames.getInstance(new ULocale(lang)).getExemplarLocationName(zone);
                    if (name != null && !name.isBlank()) {
                        out.append(line(id, lang, "capital", capital.strip(), name));
                    }
                }
            }
        }
        return out.toString();
    }

    private static String zoneOf(String iso2, String capital, TimeZoneNames english) {
        if (capital.isEmpty()) {
            return null;
        }
        for (String zone : TimeZone.getAvailableIDs(TimeZone.SystemTimeZoneType.CANONICAL_LOCATION, iso2, null)) {
            if (capital.equals(english.getExemplarLocationName(zone))) {
                return zone;
            }
        }
        return null;
    }

    private static String line(String id, String lang, String kind, String english, String name) {
        return String.join(",", id, lang, kind, quote(english), quote(name)) + "\n";
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static List<Map<String, String>> countries() throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        try (InputStream in = CldrNames.class.getResourceAsStream("/classify/countries.csv");
             MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                     .with(CsvSchema.emptySchema().withHeader()).readValues(in)) {
            rows.forEachRemaining(out::add);
        }
        return out;
    }
}
