package io.yima.drivers.render.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default label font: the bundle's copy next to the bundle's lib/, else Debian's. */
class DefaultFontTest {
    @TempDir
    Path dir;

    @Test
    void aJarInABundlesLibUsesTheBundlesFont() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("yima-edge-0.1.0"));
        Path jar = Files.createFile(Files.createDirectories(bundle.resolve("lib")).resolve("yima-edge.jar"));
        Path font = Files.createDirectories(bundle.resolve("fonts")).resolve("wqy-microhei.ttc");
        assertThat(DefaultFont.of(jar)).as("no font in the bundle yet").isEqualTo(DefaultFont.SYSTEM);
        Files.write(font, new byte[] {1});
        assertThat(DefaultFont.of(jar)).isEqualTo(font);
    }

    @Test
    void codeOutsideABundleUsesDebiansFont() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("drivers/target/classes"));
        Files.createDirectories(dir.resolve("drivers/fonts"));
        Files.write(dir.resolve("drivers/fonts/wqy-microhei.ttc"), new byte[] {1});
        assertThat(DefaultFont.of(classes)).as("a classes folder is not a bundle's lib/").isEqualTo(DefaultFont.SYSTEM);
        assertThat(DefaultFont.of(null)).isEqualTo(DefaultFont.SYSTEM);
    }

    @Test
    void inThisBuildTheDefaultIsDebiansFont() {
        assertThat(DefaultFont.path()).isEqualTo(DefaultFont.SYSTEM);
    }
}
