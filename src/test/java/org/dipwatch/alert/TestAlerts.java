package org.dipwatch.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;

/** Alerts as the alert stage builds them, with tags as the classifier gives them for a real article. */
final class TestAlerts {

    static final ActorTag HAMAS = new ActorTag("HAMAS", "organisation", "Hamas", "PSE", null, null, 4, 0.82, List.of());
    static final ActorTag ABU_MARZOOK = new ActorTag("mousa-abu-marzook", "official", "Mousa Abu Marzook", "PSE",
            new ActorTag.Ref("HAMAS", "Hamas"), "deputy head of the Hamas political bureau", 2, 0.64, List.of());
    static final ActorTag RUSSIA = new ActorTag("RUS", "state", "Russia", "RUS", null, null, 3, 0.77, List.of());
    static final ActorTag BOGDANOV = new ActorTag("mikhail-bogdanov", "official", "Mikhail Bogdanov", "RUS",
            new ActorTag.Ref("RUS-MFA", "Ministry of Foreign Affairs of Russia"),
            "Deputy Foreign Minister and Special Presidential Envoy for the Middle East", 2, 0.71, List.of());
    static final RegionTag GAZA = new RegionTag("gaza-strip", "place", "Gaza Strip", "PSE", List.of("gaza-strip", "PSE"),
            List.of(new RegionTag.Ref("WESTERN_ASIA", "Western Asia", "subregion"),
                    new RegionTag.Ref("MIDDLE_EAST", "Middle East", "region")), 3, 0.9, List.of());

    static final String CALL = "Russian Deputy Foreign Minister Mikhail Bogdanov held a telephone conversation with "
            + "Mousa Abu Marzook, deputy head of the Hamas political bureau.";

    private TestAlerts() {
    }

    /** Bogdanov (RUS) calls Abu Marzook (HAMAS) about Gaza: speaker, counterpart and a primary region. */
    static AlertContent russiaCallsHamas() {
        Classification tags = new Classification(List.of(RUSSIA, HAMAS, BOGDANOV, ABU_MARZOOK),
                new Attribution(BOGDANOV, "RUS", CALL), List.of(new Attribution(BOGDANOV, "RUS", CALL)),
                List.of(new Attribution(ABU_MARZOOK, "HAMAS", CALL)), List.of(GAZA), "gaza-strip", "phone_call", "en");
        return content("Russia calls for de-escalation in the Gaza Strip in a call with Hamas's Abu Marzook",
                List.of(CALL,
                        "The sides discussed the situation in the Gaza Strip. The Russian side stressed the need "
                                + "for an immediate ceasefire and for humanitarian aid to reach the civilian population.",
                        "They also discussed the release of hostages, including citizens of Russia.",
                        "Bogdanov reaffirmed Russia's principled position in favour of a two-state solution."),
                tags);
    }

    /** An alert with the given title, paragraphs and tags, the rest as for {@link #russiaCallsHamas()}. */
    static AlertContent content(String title, List<String> paragraphs, Classification tags) {
        return AlertContent.ofArticle("msg_2NQ5fd3cmTrnw7iF0YQn1xYVvWb", Instant.parse("2025-03-04T09:15:02Z"), "gaza-watch",
                "new", "005_0123456789abcdef.txt", "0123456789abcdef", title, LocalDate.of(2025, 3, 4),
                "https://mid.ru/en/foreign_policy/news/1999999/", "mid-ru", paragraphs, tags, null,
                "region Middle East and actor HAMAS match the subscription gaza-watch", List.of(), 0, false);
    }

    /** Tags with nothing in them: no speaker, no counterpart, no region. */
    static Classification noTags() {
        return new Classification(List.of(), null, List.of(), List.of(), List.of(), null, null, null);
    }
}
