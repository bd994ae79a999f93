package io.yima.sim.wechat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Decides, call by call, whether a marketcode call is answered or faulted. Queued faults ("the next N calls")
 * come first, then each fault's probability is drawn in declaration order. Thread-safe; settable at any time.
 */
public final class FaultPlan {
    /** Scripted answers for the next calls; {@link Optional#empty()} lets a call through untouched. */
    private final ArrayDeque<Optional<Fault>> queued = new ArrayDeque<>();
    private final Map<Fault, Double> probabilities = new EnumMap<>(Fault.class);
    private final Random random;
    private volatile Duration slowDelay = Duration.ofMillis(200);
    private volatile Duration timeoutHold = Duration.ofSeconds(30);

    public FaultPlan(long seed) {
        this.random = new Random(seed);
    }

    /** The next {@code calls} marketcode calls get this fault. */
    public synchronized FaultPlan next(Fault fault, int calls) {
        for (int i = 0; i < calls; i++) {
            queued.add(Optional.of(fault));
        }
        return this;
    }

    /** The next {@code calls} calls (after those already scripted) are answered normally, whatever the probabilities. */
    public synchronized FaultPlan pass(int calls) {
        for (int i = 0; i < calls; i++) {
            queued.add(Optional.empty());
        }
        return this;
    }

    /** From now on each call gets this fault with the given probability (0 turns it off). */
    public synchronized FaultPlan probability(Fault fault, double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("probability must be in 0..1, got " + p);
        }
        if (p == 0) {
            probabilities.remove(fault);
        } else {
            probabilities.put(fault, p);
        }
        return this;
    }

    public synchronized FaultPlan clear() {
        queued.clear();
        probabilities.clear();
        return this;
    }

    public FaultPlan slowDelay(Duration delay) {
        this.slowDelay = delay;
        return this;
    }

    public FaultPlan timeoutHold(Duration hold) {
        this.timeoutHold = hold;
        return this;
    }

    public Duration slowDelay() {
        return slowDelay;
    }

    public Duration timeoutHold() {
        return timeoutHold;
    }

    synchronized Optional<Fault> draw() {
        Optional<Fault> next = queued.poll();
        if (next != null) {
            return next;
        }
        double roll = random.nextDouble();
        double cumulative = 0;
        for (Map.Entry<Fault, Double> e : probabilities.entrySet()) {
            cumulative += e.getValue();
            if (roll < cumulative) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }
}
