package io.yima.sim.rig;

import java.nio.file.Path;

/** The edge a rig runs around: started with the YAML config the rig wrote, stopped at the end. */
public interface EdgeUnderTest {
    void start(Path configFile) throws Exception;

    void stop();

    /** Why the edge is no longer running (e.g. it refused the config), or null while it runs or when unknown. */
    default String ended() {
        return null;
    }

    /** An edge already running elsewhere (the rig only starts the emulators around it). */
    static EdgeUnderTest attached() {
        return new EdgeUnderTest() {
            @Override
            public void start(Path configFile) {
            }

            @Override
            public void stop() {
            }
        };
    }
}
