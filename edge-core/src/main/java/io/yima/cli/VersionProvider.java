package io.yima.cli;

import io.yima.ops.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** The version Maven writes into the build (the same one {@code yima_build_info} reports). */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"yima-edge " + BuildInfo.current().version()};
    }
}
