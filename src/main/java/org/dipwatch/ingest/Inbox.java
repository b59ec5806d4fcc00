package org.dipwatch.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The watched folder: files dropped into {@code inbox/} (subfolders too) and, once processed,
 * moved to {@code inbox/.done/} or to {@code inbox/.failed/} with {@code NAME.error} beside them.
 * Subfolders are kept below {@code .done/} and {@code .failed/}; a name that is already taken
 * there gets a counter ({@code note-1.txt}), so nothing is ever overwritten or deleted.
 */
public final class Inbox {

    /** Folder below the inbox for processed files. */
    public static final String DONE = ".done";
    /** Folder below the inbox for files that could not be processed. */
    public static final String FAILED = ".failed";
    /** Suffix of the file that holds the reason beside a failed file. */
    public static final String ERROR_SUFFIX = ".error";

    private final Path dir;

    /**
     * The suffix of the marker the inbox route's read lock (Camel's {@code readLock: changed}, with
     * its marker file) writes beside a file while it is taken: {@code note.txt.camelLock}.
     */
    public static final String MARKER_SUFFIX = ".camelLock";

    /** The inbox at {@code dir}, created with its {@code .done} and {@code .failed} folders when missing. */
    public Inbox(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        Files.createDirectories(this.dir.resolve(DONE));
        Files.createDirectories(this.dir.resolve(FAILED));
    }

    /** The inbox folder. */
    public Path dir() {
        return dir;
    }

    /** The file's path below the inbox, with forward slashes ({@code sub/note.txt}). */
    public String relativeName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path rel = abs.startsWith(dir) ? dir.relativize(abs) : abs.getFileName();
        return rel.toString().replace('\\', '/');
    }

    /**
     * The symbolic link on the way to a file found in the inbox: the file itself or the topmost
     * folder below the inbox that is a link; {@code null} when there is none (the inbox folder
     * itself may be a link: only what is inside it counts).
     */
    public Path symbolicLink(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(dir)) {
            return Files.isSymbolicLink(abs) ? abs : null;
        }
        Path current = dir;
        for (Path part : dir.relativize(abs)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return current;
            }
        }
        return null;
    }

    /**
     * A key that identifies this very drop of this file: its place in the inbox, size, modification
     * time (the attributes read before the content) and the content as read. The same file found
     * again after a restart has the same key; the same content dropped again later has another.
     */
    public String intakeKey(Path file, BasicFileAttributes attrs, byte[] content) {
        MessageDigest digest = prefix(file, attrs);
        digest.update(content);
        return HexFormat.of().formatHex(digest.digest());
    }

    private MessageDigest prefix(Path file, BasicFileAttributes attrs) {
        MessageDigest digest = sha256();
        digest.update((relativeName(file) + "\n" + attrs.size() + "\n" + attrs.lastModifiedTime().toMillis() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return digest;
    }

    /**
     * What a file was when it was read: its size, modification time and identity on the disk (the
     * inode where the file system has one). A file written again or replaced has another stamp.
     */
    public record Stamp(long size, long modifiedMillis, Object fileKey) {

        /** The stamp of attributes read. */
        public static Stamp of(BasicFileAttributes attrs) {
            return new Stamp(attrs.size(), attrs.lastModifiedTime().toMillis(), attrs.fileKey());
        }
    }

    /** The file's {@link Stamp} now. */
    public Stamp stamp(Path file) throws IOException {
        return Stamp.of(Files.readAttributes(file, BasicFileAttributes.class));
    }

    /** Moves a processed file to {@code .done/}, keeping its subfolder; returns where it went. */
    public Path moveToDone(Path file) throws IOException {
        return moveBelow(DONE, file);
    }

    /** Moves a file that could not be processed to {@code .failed/} and writes the reason beside it as {@code NAME.error}. */
    public Path moveToFailed(Path file, String reason) throws IOException {
        Path target = moveBelow(FAILED, file);
        Path error = target.resolveSibling(target.getFileName() + ERROR_SUFFIX);
        Files.writeString(error, reason.strip() + System.lineSeparator(), StandardCharsets.UTF_8);
        return target;
    }

    private Path moveBelow(String folder, Path file) throws IOException {
        Path target = free(dir.resolve(folder).resolve(relativeName(file)));
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, target);
        }
        return target;
    }

    /** The path itself when free, else the first {@code name-N.ext} that is (the reason file's name too). */
    private static Path free(Path wanted) {
        if (!Files.exists(wanted) && !Files.exists(wanted.resolveSibling(wanted.getFileName() + ERROR_SUFFIX))) {
            return wanted;
        }
        String name = wanted.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; ; n++) {
            Path candidate = wanted.resolveSibling(stem + "-" + n + ext);
            if (!Files.exists(candidate) && !Files.exists(candidate.resolveSibling(candidate.getFileName() + ERROR_SUFFIX))) {
                return candidate;
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
