package io.yima.drivers.render.page;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The font label text is drawn with when {@code label.font} names none: the copy the release bundle carries
 * ({@code fonts/wqy-microhei.ttc} next to its {@code lib/}, with its license), else Debian's fonts-wqy-microhei.
 * WenQuanYi Micro Hei is licensed Apache 2.0, or GPLv3 with the font exception.
 */
public final class DefaultFont {
    /** Debian's fonts-wqy-microhei: the fallback outside the bundle (a source tree, a test run). */
    public static final Path SYSTEM = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    /** Where the bundle keeps the font, from the bundle's top folder. */
    public static final String BUNDLED = "fonts/wqy-microhei.ttc";

    private static volatile Path resolved;

    private DefaultFont() {
    }

    /** The bundle's font when this code runs from a bundle's {@code lib/} jar and the file is there, else {@link #SYSTEM}. */
    public static Path path() {
        Path p = resolved;
        if (p == null) {
            p = of(codeLocation());
            resolved = p;
        }
        return p;
    }

    /** As {@link #path()} for code loaded from {@code code} (a jar in a bundle's {@code lib/}, or a classes folder). */
    static Path of(Path code) {
        Path lib = code == null ? null : code.toAbsolutePath().getParent();
        Path top = lib == null ? null : lib.getParent();
        if (top != null && lib.getFileName() != null && lib.getFileName().toString().equals("lib")) {
            Path bundled = top.resolve(BUNDLED);
            if (Files.isRegularFile(bundled)) {
                return bundled;
            }
        }
        return SYSTEM;
    }

    private static Path codeLocation() {
        try {
            var source = DefaultFont.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null; // not from a file: no bundle around it
        }
    }
}
