package org.dipwatch.model;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What became of one incoming document: the verdict, the corpus file it became or copies, and
 * for a failure the reason a person can act on. {@link #fields()} is the JSON the CLI prints.
 *
 * @param file        the document as it arrived (a path, a file name or a URL)
 * @param source      where it came from ({@code inbox}, {@code cli}, …)
 * @param verdict     the verdict
 * @param article     the corpus file it became (new) or copies (duplicate), else {@code null}
 * @param title       the article's title where known
 * @param published   the article's publication date where known
 * @param reason      why it failed, else {@code null}
 * @param tags        who and where the article involves, else {@code null}
 * @param duplicateOf the corpus file it copies (duplicate, near-duplicate) or the story's report it
 *                    was matched to (same story), else {@code null}
 * @param similarity  Jaccard similarity with {@code duplicateOf} (near-duplicate) or the story score
 *                    (same story), else {@code null}
 * @param story       the story it belongs to, else {@code null}
 */
public record IngestResult(String file, String source, Verdict verdict, String article, String title,
                           LocalDate published, String reason, Classification tags, String duplicateOf, Double similarity,
                           String story) {

    /** A document that could not be read, with the reason a person can act on. */
    public static IngestResult failed(String file, String source, String reason) {
        return new IngestResult(file, source, Verdict.FAILED, null, null, null, reason, null, null, null, null);
    }

    /** The same URL or text as the corpus article {@code copyOf}: nothing stored. */
    public static IngestResult duplicate(String file, String source, String copyOf, String title, LocalDate published,
                                         Classification tags) {
        return new IngestResult(file, source, Verdict.DUPLICATE, copyOf, title, published, null, tags, copyOf, null, null);
    }

    /**
     * An article the story judgement decided: stored as {@code article} (new, same story, a stored
     * near-duplicate) or, for a near-duplicate not stored, {@code article} is the copy it matched.
     *
     * @param matched the report or copy it was matched to ({@code duplicateOf}), or {@code null} for a new story
     */
    public static IngestResult judged(String file, String source, Verdict verdict, String article, String title,
                                      LocalDate published, Classification tags, String matched, Double similarity,
                                      String story) {
        return new IngestResult(file, source, verdict, article, title, published, null, tags, matched, similarity, story);
    }

    /** What an earlier arrival of the same document was given, replayed: its verdict, file, reason, similarity and story. */
    public static IngestResult replayed(String file, String source, Verdict verdict, String article, String reason,
                                        Double similarity, String story) {
        boolean copy = verdict == Verdict.DUPLICATE || verdict == Verdict.NEAR_DUPLICATE;
        return new IngestResult(file, source, verdict, article, null, null, reason, null, copy ? article : null, similarity,
                story);
    }

    /**
     * The fields as the CLI prints them: {@code file}, {@code verdict}, {@code article},
     * {@code duplicateOf}, … (absent when empty); the classification's fields ({@code actors},
     * {@code speaker}, {@code regions}, …) are added by the caller, which knows their JSON form.
     */
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file);
        out.put("source", source);
        out.put("verdict", verdict.label());
        if (article != null) {
            out.put("article", article);
        }
        if (duplicateOf != null) {
            out.put("duplicateOf", duplicateOf);
        }
        if (similarity != null) {
            out.put("similarity", similarity);
        }
        if (story != null) {
            out.put("story", story);
        }
        if (title != null) {
            out.put("title", title);
        }
        if (published != null) {
            out.put("date", published.toString());
        }
        if (reason != null) {
            out.put("reason", reason);
        }
        return out;
    }
}
