package org.dipwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxTest {

    @TempDir
    Path home;

    @Test
    void aDropIsKnownByItsPlaceAttributesAndBytesAndARewriteIsAnotherDrop() throws Exception {
        Inbox inbox = new Inbox(home.resolve("inbox"));
        Path file = Files.createDirectories(home.resolve("inbox/sub")).resolve("note.txt");
        Files.writeString(file, "Lavrov met Wang Yi in Beijing.\n");
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        byte[] read = Files.readAllBytes(file);
        String key = inbox.intakeKey(file, attrs, read);
        // the same file found again (a restart) is the same drop
        assertThat(inbox.intakeKey(file, Files.readAttributes(file, BasicFileAttributes.class), Files.readAllBytes(file)))
                .isEqualTo(key).hasSize(64);
        assertThat(inbox.stamp(file)).isEqualTo(Inbox.Stamp.of(attrs));
        // written again after it was read: another drop, and the file is not the one read
        Files.writeString(file, "Lavrov met Wang Yi in Tianjin.\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(attrs.lastModifiedTime().toMillis() + 1000));
        assertThat(inbox.stamp(file)).isNotEqualTo(Inbox.Stamp.of(attrs));
        assertThat(inbox.intakeKey(file, Files.readAttributes(file, BasicFileAttributes.class), Files.readAllBytes(file)))
                .isNotEqualTo(key);
    }
}
