package io.yima.sim.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The power-cut layer itself: after a cut and a remount only what was fsynced is there. */
class LazyFsTest {
    @TempDir
    Path dir;

    @Test
    void aPowerCutKeepsExactlyWhatWasSynced() throws Exception {
        LazyFs.requirePrerequisites();
        Path backing = dir.resolve("disk");
        Files.createDirectories(backing);
        Files.writeString(backing.resolve("old"), "0123456789");
        try (LazyFs fs = new LazyFs(backing, dir.resolve("mnt"), dir.resolve("lazyfs.log"))) {
            fs.mount();
            Path mnt = fs.mountPoint();
            try (FileChannel a = FileChannel.open(mnt.resolve("a"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileChannel old = FileChannel.open(mnt.resolve("old"), StandardOpenOption.READ,
                         StandardOpenOption.WRITE)) {
                write(a, 0, "synced|");
                a.force(false); // fdatasync
                write(a, 7, "lost");
                write(a, 2, "XX"); // overwrites synced bytes: the overwrite is unsynced
                old.truncate(4);
                write(old, 6, "ab"); // past a truncate: the hole reads as zeros
                // Read your writes: the unsynced state is what every reader sees until the cut.
                assertThat(Files.readString(mnt.resolve("a"))).isEqualTo("syXXed|lost");
                assertThat(Files.readString(mnt.resolve("old"))).isEqualTo("0123\0\0ab");
                assertThat(Files.readString(backing.resolve("a"))).as("nothing reached the disk but the sync")
                        .isEqualTo("synced|");

                write(a, 0, "SY");
                a.force(true); // fsync: every write so far is on the disk, the overwrite included
                write(a, 11, "-after");
            }
            fs.cut();
            assertThatThrownBy(() -> Files.readString(mnt.resolve("a"))).as("no power, no I/O")
                    .isInstanceOf(IOException.class);
            fs.unmount();
            fs.mount();
            assertThat(Files.readString(mnt.resolve("a"))).isEqualTo("SYXXed|lost");
            assertThat(Files.readString(mnt.resolve("old"))).as("unsynced truncate and write dropped")
                    .isEqualTo("0123456789");
            assertThat(fs.log()).anyMatch(l -> l.contains("power cut: dropped"));
        }
    }

    private static void write(FileChannel ch, long at, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            at += ch.write(b, at);
        }
    }
}
