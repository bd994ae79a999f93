package io.yima.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Work folders of the simulator's commands: the demo's temporary folder, the scale bench's forged packages. */
public final class Folders {
    private Folders() {
    }

    /** Deletes {@code folder} with everything in it; nothing happens when it does not exist. */
    public static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the folder " + folder, e);
        }
    }
}
