package org.dipwatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.dipwatch.model.Draft;

/**
 * Reads a document a person dropped into dipwatch (plain text, Markdown, a saved web page or a saved
 * e-mail) into a draft, or says in one paragraph why it cannot and what to do.
 *
 * <p>Checks in order: the file name's extension must be one of {@link #acceptedExtensions()} (case
 * does not matter); the size must not exceed the limit ({@code dipwatch.ingest.max-bytes}), checked
 * before a file is read; then by extension: {@code .txt} is decoded by {@link TextDecoder} and given
 * to the seed text parser; {@code .md} likewise, after its heading marks, emphasis markers and
 * {@code [text](url)} links are reduced to their text; {@code .html} and {@code .htm} are decoded
 * (byte order mark, then {@code <meta charset>}, then detection) and read by
 * {@link HtmlArticleExtractor}; {@code .eml} is read by {@link EmailReader}. Last, a draft with
 * neither a title nor a paragraph is rejected.
 */
public final class DocumentReader {

    private static final Set<String> ACCEPTED_EXTENSIONS =
            Collections.unmodifiableSet(new LinkedHashSet<>(List.of(".txt", ".md", ".html", ".htm", ".eml")));
    private static final String MAX_BYTES_PROPERTY = "dipwatch.ingest.max-bytes";

    private static final Pattern MD_HEADING = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern MD_IMAGE = Pattern.compile("!\\[[^\\]\\n]*]\\([^)\\n]*\\)");
    private static final Pattern MD_LINK = Pattern.compile("\\[([^\\]\\n]+)]\\([^)\\s]*(?:\\s+\"[^\"\\n]*\")?\\)");
    private static final Pattern MD_STRONG = Pattern.compile("(?<![\\w*_])(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*_])");
    private static final Pattern MD_EMPHASIS = Pattern.compile("(?<![\\w*_])([*_])(?=\\S)([^*_\\n]+?)(?<=\\S)\\1(?![\\w*_])");

    private final Function<String, Draft> seedTextParser;
    private final long maxBytes;

    /**
     * Creates a reader.
     *
     * @param seedTextParser the parser for plain text in the seed shapes (the normalize stage's), given
     *                       the decoded text of {@code .txt} and {@code .md} files
     * @param maxBytes       the largest document read, in bytes ({@code dipwatch.ingest.max-bytes})
     */
    public DocumentReader(Function<String, Draft> seedTextParser, long maxBytes) {
        this.seedTextParser = Objects.requireNonNull(seedTextParser, "seedTextParser");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException(MAX_BYTES_PROPERTY + " must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * The file name extensions this reader accepts, lower case with the dot, in the order they are documented.
     *
     * @return {@code .txt, .md, .html, .htm, .eml}
     */
    public static Set<String> acceptedExtensions() {
        return ACCEPTED_EXTENSIONS;
    }

    /**
     * Reads a file, checking its extension and size before loading it into memory.
     *
     * @param file the document
     * @return the draft
     * @throws UnreadableDocumentException if the file cannot be read, is of a kind dipwatch does not
     *                                     read, is too large or holds no article text
     */
    public Draft read(Path file) throws UnreadableDocumentException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return read(name, bytes(file));
    }

    /**
     * The content of a file, refused with a reason a person can act on when it is of a kind
     * dipwatch does not read, larger than {@code dipwatch.ingest.max-bytes}, gone or unreadable.
     */
    public byte[] bytes(Path file) throws UnreadableDocumentException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        extension(name);
        long size;
        byte[] bytes;
        try {
            size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(name, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                // the file may grow between the two looks: never read more than one byte past the limit
                bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            }
        } catch (NoSuchFileException e) {
            throw new UnreadableDocumentException(name + " is gone: it was moved or deleted before dipwatch could"
                    + " read it (" + file + "). Drop it into inbox/ again and leave it there until it is processed.", e);
        } catch (AccessDeniedException e) {
            throw new UnreadableDocumentException(name + " cannot be opened: access denied (" + file + ")."
                    + " Give the user running dipwatch permission to read it and drop it into inbox/ again.", e);
        } catch (IOException e) {
            throw new UnreadableDocumentException(name + " could not be read (" + e + "). Check the disk and the file,"
                    + " and drop it into inbox/ again.", e);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(name, bytes.length);
        }
        return bytes;
    }

    /**
     * Reads a document held in memory.
     *
     * @param fileName the document's file name, whose extension tells its kind
     * @param bytes    the document's content
     * @return the draft
     * @throws UnreadableDocumentException if the document is of a kind dipwatch does not read, is too
     *                                     large, is not text or holds no article text
     */
    public Draft read(String fileName, byte[] bytes) throws UnreadableDocumentException {
        String extension = extension(fileName);
        if (bytes.length > maxBytes) {
            throw tooLarge(fileName, bytes.length);
        }
        Draft draft = switch (extension) {
            case ".txt" -> seedTextParser.apply(TextDecoder.decode(fileName, bytes));
            case ".md" -> seedTextParser.apply(plainMarkdown(TextDecoder.decode(fileName, bytes)));
            case ".html", ".htm" -> HtmlArticleExtractor.extract(TextDecoder.decodeHtml(fileName, bytes), null);
            case ".eml" -> EmailReader.read(fileName, bytes);
            default -> throw new IllegalStateException("extension " + extension + " accepted but not dispatched");
        };
        if (draft == null || (draft.paragraphs().isEmpty() && (draft.title() == null || draft.title().isBlank()))) {
            throw new UnreadableDocumentException("No article text found in " + fileName + ": dipwatch found neither"
                    + " a title nor a paragraph in it. " + UnreadableDocumentException.ACCEPTED + "; check that the"
                    + " file holds the article itself (for a web page: save it as \"Web page, complete\" or \"HTML\","
                    + " not a shortcut to it) and drop it into inbox/ again.");
        }
        return draft;
    }

    /** The accepted extension of the name, lower case with its dot. */
    private static String extension(String fileName) throws UnreadableDocumentException {
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        if (dot <= 0 || dot == base.length() - 1) {
            throw new UnreadableDocumentException(fileName + " has no file name extension, so dipwatch cannot tell"
                    + " what kind of document it is. " + UnreadableDocumentException.ACCEPTED + "; rename it with the"
                    + " extension that fits its content and drop it into inbox/ again.");
        }
        String extension = base.substring(dot).toLowerCase(Locale.ROOT);
        if (!ACCEPTED_EXTENSIONS.contains(extension)) {
            throw new UnreadableDocumentException(fileName + " is a " + extension + " file, which dipwatch does not"
                    + " read. " + UnreadableDocumentException.ACCEPTED + "; save or export the document as one of"
                    + " these (from a PDF or a word processor: copy its text into a .txt file) and drop it into"
                    + " inbox/ again.");
        }
        return extension;
    }

    private UnreadableDocumentException tooLarge(String fileName, long size) {
        return new UnreadableDocumentException(fileName + " is " + size + " bytes (" + humanSize(size) + "), more"
                + " than the limit of " + maxBytes + " bytes (" + humanSize(maxBytes) + ") set by the property "
                + MAX_BYTES_PROPERTY + "; dipwatch did not read it. A single article is rarely that large: save"
                + " only the article's text (as .txt, or the page as HTML without its images) and drop it into"
                + " inbox/ again, or raise " + MAX_BYTES_PROPERTY + " if such documents are expected.");
    }

    private static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    /**
     * Markdown reduced to the plain text the seed parser reads: heading marks, emphasis markers, images
     * and link syntax go, the link text stays. Lists, quotes and tables are left as they are.
     */
    static String plainMarkdown(String markdown) {
        String text = MD_HEADING.matcher(markdown).replaceAll("$1");
        text = MD_IMAGE.matcher(text).replaceAll("");
        text = MD_LINK.matcher(text).replaceAll("$1");
        text = MD_STRONG.matcher(text).replaceAll("$2");
        return MD_EMPHASIS.matcher(text).replaceAll("$2");
    }
}
