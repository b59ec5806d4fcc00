package org.dipwatch.alert;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.dipwatch.model.ActorTag;
import org.dipwatch.model.Attribution;
import org.dipwatch.model.Classification;
import org.dipwatch.model.RegionTag;

/**
 * One subscription: what articles it wants (the filter) and where alerts go: any of a webhook,
 * e-mail addresses, a Slack incoming webhook, a Telegram chat, an ntfy topic and a Camel endpoint
 * (its {@link #channels()}).
 *
 * @param id      stable id, used in payloads, logs and metrics
 * @param filter  which articles match
 * @param webhook the webhook to POST to, or {@code null}
 * @param email   the addresses to mail, or {@code null}
 * @param mode    {@code immediate} (each alert as soon as it is due) or {@code digest} (e-mail alerts
 *                collected into one mail on a Quartz cron)
 * @param digest  the digest schedule, for mode {@code digest}
 * @param quiet   hours in which alerts are held and then sent as one batch, or {@code null}
 * @param sourceHealth whether the subscription is also told when a source fails repeatedly, falls
 *                silent or recovers (webhook type {@code org.dipwatch.source.v1})
 * @param slack   the Slack incoming webhook to post to, or {@code null}
 * @param telegram the Telegram chat to send to, or {@code null}
 * @param ntfy    the ntfy topic to publish to, or {@code null}
 * @param camel   the Camel endpoint to send the CloudEvent to, or {@code null}
 */
public record Subscription(String id, Filter filter, Webhook webhook, Email email, String mode, Digest digest, Quiet quiet,
                           boolean sourceHealth, Slack slack, Telegram telegram, Ntfy ntfy, Camel camel) {

    /** A subscription with a webhook, e-mail or both, and no other channel. */
    public Subscription(String id, Filter filter, Webhook webhook, Email email, String mode, Digest digest, Quiet quiet,
                        boolean sourceHealth) {
        this(id, filter, webhook, email, mode, digest, quiet, sourceHealth, null, null, null, null);
    }

    /**
     * The channels its alerts go out on, each a lane of the outbox: of {@link Outbox#WEBHOOK},
     * {@link Outbox#EMAIL}, {@link Outbox#SLACK}, {@link Outbox#TELEGRAM}, {@link Outbox#NTFY} and
     * {@link Outbox#CAMEL}, those it has, in that order.
     */
    public List<String> channels() {
        return Stream.of(webhook != null ? Outbox.WEBHOOK : null, email != null ? Outbox.EMAIL : null,
                slack != null ? Outbox.SLACK : null, telegram != null ? Outbox.TELEGRAM : null,
                ntfy != null ? Outbox.NTFY : null, camel != null ? Outbox.CAMEL : null).filter(Objects::nonNull).toList();
    }

    /** A digest schedule: a Quartz cron expression (seconds first) in a time zone. */
    public record Digest(String cron, java.time.ZoneId zone) {

        /** When the next digest goes out after {@code after}. */
        public java.time.Instant next(java.time.Instant after) {
            try {
                org.quartz.CronExpression expression = new org.quartz.CronExpression(cron);
                expression.setTimeZone(java.util.TimeZone.getTimeZone(zone));
                java.util.Date next = expression.getNextValidTimeAfter(java.util.Date.from(after));
                return next == null ? after : next.toInstant();
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("digest cron '" + cron + "' was checked when read", e);
            }
        }
    }

    /** Quiet hours: from {@code from} to {@code to} local time in {@code zone} (may span midnight). */
    public record Quiet(java.time.LocalTime from, java.time.LocalTime to, java.time.ZoneId zone) {

        /** The end of the quiet hours {@code at} falls in, or {@code null} when it falls outside them. */
        public java.time.Instant endIfQuiet(java.time.Instant at) {
            java.time.ZonedDateTime local = at.atZone(zone);
            java.time.LocalTime t = local.toLocalTime();
            boolean spansMidnight = from.isAfter(to);
            boolean quiet = spansMidnight ? !t.isBefore(from) || t.isBefore(to) : !t.isBefore(from) && t.isBefore(to);
            if (!quiet) {
                return null;
            }
            java.time.ZonedDateTime end = local.with(to);
            if (!end.isAfter(local)) {
                end = end.plusDays(1);
            }
            return end.toInstant();
        }
    }

    /** When an alert made at {@code now} on {@code channel} may go out: a digest's next time, the end of quiet hours, or now. */
    public java.time.Instant notBefore(String channel, java.time.Instant now) {
        java.time.Instant at = now;
        if ("digest".equals(mode) && digest != null && "email".equals(channel)) {
            at = digest.next(now);
        }
        if (quiet != null) {
            java.time.Instant end = quiet.endIfQuiet(at);
            if (end != null) {
                at = end;
            }
        }
        return at;
    }

    /** A signed webhook: where to POST, and the secret that signs it. */
    public record Webhook(String url, String secret) {
    }

    /** A Slack incoming webhook: the URL Slack gave for it (a secret: it is all a poster needs). */
    public record Slack(String url) {
    }

    /**
     * A Telegram chat a bot posts to.
     *
     * @param token the bot's token from BotFather, read from the environment
     * @param chat  the chat's id ({@code -1001234567890}) or a public channel's {@code @name}
     */
    public record Telegram(String token, String chat) {
    }

    /**
     * An ntfy topic.
     *
     * @param url   the topic's URL ({@code https://ntfy.sh/dipwatch-desk}): the server and the topic
     * @param token an access token for a protected topic, read from the environment, or {@code null}
     */
    public record Ntfy(String url, String token) {
    }

    /** Any Camel endpoint ({@code kafka:alerts?brokers=…}, {@code seda:alerts}, {@code file:/var/alerts}), as a URI. */
    public record Camel(String uri) {
    }

    /** The addresses an e-mail alert goes to. */
    public record Email(List<String> to) {
        public Email {
            to = List.copyOf(to);
        }
    }

    /**
     * Which articles a subscription wants. Each field that is set must match (and); within a
     * field any value may match (or). An empty filter matches every article with an alerting
     * verdict ({@code new} unless {@code verdicts} says otherwise). Values compare without regard
     * to case.
     *
     * @param actors   an actor's id, country or organisation ({@code RUS}, {@code HAMAS}, {@code sergey-lavrov})
     * @param speaker  the speaker's id, side or country
     * @param regions  a region's id, its country, any place on its path or any larger region it
     *                 rolls up to, by code or name ({@code PSE}, {@code gaza-strip}, {@code Middle East})
     * @param sources  where the article came from ({@code inbox}, a feed's name)
     * @param keywords words or phrases that must occur in the text (whole words)
     * @param language ISO 639-1 codes
     * @param verdicts dedup verdicts that alert (default: {@code new})
     */
    public record Filter(Set<String> actors, Set<String> speaker, Set<String> regions, Set<String> sources,
                         List<String> keywords, Set<String> language, Set<String> verdicts) {

        /** The default verdicts that alert: new articles (and, once stories exist, first reports). */
        public static final Set<String> DEFAULT_VERDICTS = Set.of("new");

        public Filter {
            actors = lower(actors);
            speaker = lower(speaker);
            regions = lower(regions);
            sources = lower(sources);
            keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT).strip()).filter(k -> !k.isEmpty()).toList();
            language = lower(language);
            verdicts = verdicts.isEmpty() ? DEFAULT_VERDICTS : lower(verdicts);
        }

        private static Set<String> lower(Set<String> values) {
            return values.stream().map(v -> v.toLowerCase(Locale.ROOT).strip()).filter(v -> !v.isEmpty())
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        /**
         * Whether an article with this verdict, source, text and classification matches; {@code null}
         * when not, else why: what each clause that is set found (actors, speaker, regions, sources,
         * keywords, language, in this order), or "every <verdict> article" when none is set.
         */
        public String why(String verdict, String source, String text, Classification tags) {
            if (!verdicts.contains(verdict.toLowerCase(Locale.ROOT))) {
                return null;
            }
            StringJoiner why = new StringJoiner("; ");
            boolean matches = holds(actors, () -> firstActor(tags.actors(), actors).map(a -> "actor " + a), why)
                    && holds(speaker, () -> Optional.ofNullable(tags.speaker()).filter(this::isSpeaker)
                            .map(s -> "speaker " + s.side()), why)
                    && holds(regions, () -> firstRegion(tags.regions(), regions).map(r -> "region " + r), why)
                    && holds(sources, () -> Optional.ofNullable(source).filter(s -> has(sources, s)).map(s -> "source " + s), why)
                    && holds(keywords, () -> firstKeyword(text).map(k -> "keyword \"" + k + "\""), why)
                    && holds(language, () -> Optional.ofNullable(tags.language()).filter(l -> has(language, l))
                            .map(l -> "language " + l), why);
            if (!matches) {
                return null;
            }
            return why.length() == 0 ? "every " + verdict + " article" : why.toString();
        }

        /**
         * One clause of the filter: it holds when it is not set ({@code wanted} empty) or when the
         * article meets it, and then what it {@code found} is added to {@code why}.
         */
        private static boolean holds(Collection<String> wanted, Supplier<Optional<String>> found, StringJoiner why) {
            if (wanted.isEmpty()) {
                return true;
            }
            Optional<String> hit = found.get();
            hit.ifPresent(why::add);
            return hit.isPresent();
        }

        private boolean isSpeaker(Attribution s) {
            return has(speaker, s.side()) || has(speaker, s.actor().id()) || has(speaker, s.actor().country());
        }

        private Optional<String> firstKeyword(String text) {
            String lowerText = text.toLowerCase(Locale.ROOT);
            return keywords.stream().filter(k -> containsWords(lowerText, k)).findFirst();
        }

        private static Optional<String> firstActor(List<ActorTag> actors, Set<String> wanted) {
            for (ActorTag a : actors) {
                if (has(wanted, a.id()) || has(wanted, a.country()) || a.organisation() != null && has(wanted, a.organisation().id())) {
                    return Optional.of(a.id() + (a.country() != null && !a.country().equals(a.id()) ? " (" + a.country() + ")" : ""));
                }
            }
            return Optional.empty();
        }

        private static Optional<String> firstRegion(List<RegionTag> regions, Set<String> wanted) {
            for (RegionTag r : regions) {
                if (has(wanted, r.id()) || has(wanted, r.country()) || has(wanted, r.name())
                        || r.path().stream().anyMatch(p -> has(wanted, p))
                        || r.rollup().stream().anyMatch(x -> has(wanted, x.code()) || has(wanted, x.name()))) {
                    return Optional.of(r.name() + (r.country() != null && !r.id().equals(r.country()) ? " (" + r.country() + ")" : ""));
                }
            }
            return Optional.empty();
        }

        private static boolean has(Set<String> wanted, String value) {
            return value != null && wanted.contains(value.toLowerCase(Locale.ROOT));
        }

        private static boolean containsWords(String text, String phrase) {
            int i = text.indexOf(phrase);
            while (i >= 0) {
                int end = i + phrase.length();
                if ((i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))
                        && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                    return true;
                }
                i = text.indexOf(phrase, i + 1);
            }
            return false;
        }
    }
}
