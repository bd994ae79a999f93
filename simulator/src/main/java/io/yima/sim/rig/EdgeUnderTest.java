package io.yima.sim.rig;

import java.nio.file.Path;

/** The edge a rig runs around: started with the YAML config the rig wrote, stopped at the end. */
public interface EdgeUnderTest {
    void start(Path configFile) throws Exception;

    void stop();

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
