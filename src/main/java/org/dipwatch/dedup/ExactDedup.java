package org.dipwatch.dedup;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dipwatch.model.Article;

/**
 * Finds exact copies of an article in the corpus: the same canonical URL, or the same text once
 * white space, letter case and typographic quote and dash variants are folded. Rules apply in
 * that order: a URL match wins because it names the very same page.
 */
public final class ExactDedup {

    /** Query parameters that only say how a reader got to a page, never which page it is. */
    private static final Set<String> TRACKING = Set.of(
            "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
            "ref", "ref_src", "cmpid", "ito", "_ga", "_gl", "spm", "share", "s_cid");

    private final CorpusLookup corpus;

    /** A dedup stage that looks articles up in the given corpus. */
    public ExactDedup(CorpusLookup corpus) {
        this.corpus = corpus;
    }

    /**
     * The corpus file that an article copies, if any: the same canonical URL first, then the same
     * folded text.
     *
     * @param urlHash     the article's {@link #urlHash}, or {@code null} when it has no canonical URL
     * @param fingerprint the article's {@link #fingerprint}
     */
    public Optional<String> duplicateOf(String urlHash, String fingerprint) {
        if (urlHash != null) {
            Optional<String> byUrl = corpus.articleWithUrlHash(urlHash);
            if (byUrl.isPresent()) {
                return byUrl;
            }
        }
        return corpus.articleWithContentHash(fingerprint);
    }

    /** SHA-256 of a {@link #canonicalUrl}, as the index keeps it; {@code null} for {@code null}. */
    public static String urlHash(String canonicalUrl) {
        return canonicalUrl == null ? null : sha256(canonicalUrl);
    }

    /**
     * The URL that names the same page however a reader reached it: scheme and host in lower case,
     * default port, fragment and tracking parameters ({@code utm_*}, {@code fbclid}, …) removed, no
     * trailing slash on the path. {@code null} for {@code null} or something that is not an http(s) URL.
     */
    public static String canonicalUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.trim()).normalize();
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
        int port = uri.getPort();
        if (port != -1 && !(port == 80 && scheme.equals("http")) && !(port == 443 && scheme.equals("https"))) {
            out.append(':').append(port);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        out.append(path);
        if (uri.getRawQuery() != null) {
            List<String> kept = new ArrayList<>();
            for (String pair : uri.getRawQuery().split("&")) {
                String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
                if (!pair.isEmpty() && !name.startsWith("utm_") && !TRACKING.contains(name)) {
                    kept.add(pair);
                }
            }
            kept.sort(null);
            if (!kept.isEmpty()) {
                out.append('?').append(String.join("&", kept));
            }
        }
        return out.toString();
    }

    /** SHA-256 (hex) of the article's folded body text: equal for copies that differ only in layout, case, quotes or dashes. */
    public static String fingerprint(Article article) {
        return fingerprint(article.body().stream().map(ExactDedup::fold).toList());
    }

    /** {@link #fingerprint(Article)} of the article's paragraphs folded already (headline first). */
    static String fingerprint(List<String> folded) {
        String[] lines = folded.toArray(new String[folded.size() + 1]);
        lines[folded.size()] = ""; // each paragraph ends with a new line
        return sha256Lines(lines);
    }

    /** The text as the fingerprint sees it: NFKC, one space for any white space, lower case, plain quotes and hyphens. */
    static String fold(String text) {
        String ascii = foldAscii(text);
        if (ascii != null) {
            return ascii;
        }
        String composed = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(composed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < composed.length(); ) {
            int c = composed.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && out.length() > 0) {
                out.append(' ');
            }
            pendingSpace = false;
            out.appendCodePoint(Character.toLowerCase(plain(c)));
        }
        return out.toString();
    }

    /**
     * {@link #fold} of a text that is all ASCII (most paragraphs of English news), without the
     * NFKC pass (which leaves ASCII as it is) and code point by code point; {@code null} for any
     * other text. The white space is what {@link Character#isWhitespace} counts in ASCII.
     */
    private static String foldAscii(String text) {
        char[] out = new char[text.length()];
        int length = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            if (c == ' ' || c >= 0x09 && c <= 0x0D || c >= 0x1C && c <= 0x1F) {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace && length > 0) {
                out[length++] = ' ';
            }
            pendingSpace = false;
            out[length++] = c == '`' ? '\'' : c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(out, 0, length);
    }

    /** The ASCII stand-in of a typographic quote, prime or dash; any other character as it is. */
    private static int plain(int c) {
        return switch (c) {
            case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u00B4', '`' -> '\'';
            case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> '"';
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> '-';
            default -> c;
        };
    }

    /**
     * {@link #sha256} of the parts joined with {@code \n} (a {@code null} part as empty), without
     * the joined string or its bytes: a feed poll hashes every item's whole text to see whether it
     * changed, and the copies were a sixth of what a poll allocated.
     */
    public static String sha256Lines(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            java.nio.charset.CharsetEncoder encoder = ENCODER.get();
            java.nio.ByteBuffer out = BYTES.get();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    digest.update((byte) '\n');
                }
                java.nio.CharBuffer in = java.nio.CharBuffer.wrap(parts[i] == null ? "" : parts[i]);
                encoder.reset();
                while (true) {
                    java.nio.charset.CoderResult r = encoder.encode(in, out, true);
                    if (r.isUnderflow()) {
                        r = encoder.flush(out);
                    }
                    digest.update(out.array(), 0, out.position());
                    out.clear();
                    if (r.isUnderflow()) {
                        break;
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A UTF-8 encoder that writes {@code ?} for an unpaired surrogate, as {@link String#getBytes} does. */
    private static final ThreadLocal<java.nio.charset.CharsetEncoder> ENCODER = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE).onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE));
    private static final ThreadLocal<java.nio.ByteBuffer> BYTES = ThreadLocal.withInitial(() -> java.nio.ByteBuffer.allocate(4096));

    /** SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits. */
    public static String sha256(String text) {
        return sha256Lines(text);
    }
}
