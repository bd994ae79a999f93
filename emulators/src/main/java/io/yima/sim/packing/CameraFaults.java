package io.yima.sim.packing;

import java.util.Random;

/**
 * Fault rates of one case camera, drawn per case from a seeded RNG so a rig run can be repeated (like the item
 * scanner's {@code ScannerFaults}). At most one fault per case; rates are probabilities 0..1, tried in the order
 * of {@link CameraInjection}.
 */
public final class CameraFaults {
    private final Random random;
    private double missing;
    private double foreign;
    private double alreadyPacked;
    private double caseNoRead;
    private double late;
    private long lateMillis = 5000;

    public CameraFaults(long seed) {
        this.random = new Random(seed);
    }

    public synchronized CameraFaults missingRate(double r) {
        missing = r;
        return this;
    }

    public synchronized CameraFaults foreignRate(double r) {
        foreign = r;
        return this;
    }

    public synchronized CameraFaults alreadyPackedRate(double r) {
        alreadyPacked = r;
        return this;
    }

    public synchronized CameraFaults caseNoReadRate(double r) {
        caseNoRead = r;
        return this;
    }

    public synchronized CameraFaults lateRate(double r, long millis) {
        late = r;
        lateMillis = millis;
        return this;
    }

    public synchronized long lateMillis() {
        return lateMillis;
    }

    synchronized CameraInjection draw() {
        double x = random.nextDouble();
        double[] rates = {missing, foreign, alreadyPacked, caseNoRead, late};
        CameraInjection[] kinds = {CameraInjection.MISSING, CameraInjection.FOREIGN, CameraInjection.ALREADY_PACKED,
                CameraInjection.CASE_NO_READ, CameraInjection.LATE};
        double acc = 0;
        for (int i = 0; i < rates.length; i++) {
            acc += rates[i];
            if (x < acc) {
                return kinds[i];
            }
        }
        return CameraInjection.NONE;
    }

    synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
