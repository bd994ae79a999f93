package io.yima.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** What build of the edge is running: the version Maven wrote into {@code io/yima/build.properties}. */
public record BuildInfo(String version, String javaVersion) {

    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/yima/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource only costs the version label
        }
        String version = p.getProperty("version", "unknown");
        return new BuildInfo(version.startsWith("${") ? "unknown" : version, System.getProperty("java.version"));
    }
}
