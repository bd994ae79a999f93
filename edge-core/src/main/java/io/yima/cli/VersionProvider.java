package io.yima.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven stamps into the jar manifest, so the CLI never reports a stale literal. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = YimaEdge.class.getPackage().getImplementationVersion();
        return new String[] {"yima-edge " + (v == null ? "dev" : v)};
    }
}
