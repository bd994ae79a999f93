package io.yima.sim.scanner;

import java.util.Random;

/**
 * Fault rates of one scanner, drawn per label from a seeded RNG so a rig run can be repeated. At most one fault
 * per label; rates are probabilities 0..1 and are tried in the order of {@link Injection}.
 */
public final class ScannerFaults {
    private final Random random;
    private double noRead;
    private double misread;
    private double duplicate;
    private double delay;
    private long delayMillis = 200;
    private double garbage;
    private double disconnect;

    public ScannerFaults(long seed) {
        this.random = new Random(seed);
    }

    public synchronized ScannerFaults noReadRate(double r) {
        noRead = r;
        return this;
    }

    public synchronized ScannerFaults misreadRate(double r) {
        misread = r;
        return this;
    }

    public synchronized ScannerFaults duplicateRate(double r) {
        duplicate = r;
        return this;
    }

    public synchronized ScannerFaults delayRate(double r, long millis) {
        delay = r;
        delayMillis = millis;
        return this;
    }

    public synchronized ScannerFaults garbageRate(double r) {
        garbage = r;
        return this;
    }

    public synchronized ScannerFaults disconnectRate(double r) {
        disconnect = r;
        return this;
    }

    synchronized long delayMillis() {
        return delayMillis;
    }

    synchronized Injection draw() {
        double x = random.nextDouble();
        double[] rates = {noRead, misread, duplicate, delay, garbage, disconnect};
        Injection[] kinds = {Injection.NO_READ, Injection.MISREAD, Injection.DUPLICATE, Injection.DELAY,
                Injection.GARBAGE, Injection.DISCONNECT};
        double acc = 0;
        for (int i = 0; i < rates.length; i++) {
            acc += rates[i];
            if (x < acc) {
                return kinds[i];
            }
        }
        return Injection.NONE;
    }

    synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
