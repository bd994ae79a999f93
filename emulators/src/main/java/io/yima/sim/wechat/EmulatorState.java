package io.yima.sim.wechat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the emulated WeChat account knows: applications, accepted activations and scan tickets. Optionally
 * persisted to a JSON file (written atomically after each change) so it survives restarts.
 */
final class EmulatorState {
    /** The persisted form. */
    record Snapshot(long nextApplicationId, List<EmulatedApplication> applications,
                    List<ActivatedRange> activations, Map<String, long[]> tickets) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<Long, EmulatedApplication> applications = new LinkedHashMap<>();
    private final Map<String, Long> byIsvId = new HashMap<>();
    private final List<ActivatedRange> activations = new ArrayList<>();
    private final Map<String, long[]> tickets = new HashMap<>();
    private long nextApplicationId = 100_001;

    EmulatorState(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            load();
        }
    }

    synchronized Optional<EmulatedApplication> application(long id) {
        return Optional.ofNullable(applications.get(id));
    }

    synchronized Optional<EmulatedApplication> applicationByIsvId(String isvId) {
        Long id = byIsvId.get(isvId);
        return id == null ? Optional.empty() : Optional.of(applications.get(id));
    }

    /** Creates the application, or returns the existing one for the same ISV id (the API's idempotency key). */
    synchronized EmulatedApplication apply(String isvId, long count, long nowMillis, long delayMillis, long rangeSize) {
        Long existing = byIsvId.get(isvId);
        if (existing != null) {
            return applications.get(existing);
        }
        EmulatedApplication app = new EmulatedApplication(nextApplicationId++, isvId, count, nowMillis / 1000,
                nowMillis + delayMillis, rangeSize);
        applications.put(app.applicationId(), app);
        byIsvId.put(isvId, app.applicationId());
        save();
        return app;
    }

    /** Makes an application the brand already holds known to the emulator (codes forged offline, demos, rigs). */
    synchronized EmulatedApplication adopt(long applicationId, String isvId, long count, long nowMillis, long rangeSize) {
        EmulatedApplication app = new EmulatedApplication(applicationId, isvId, count, nowMillis / 1000, nowMillis,
                rangeSize);
        applications.put(applicationId, app);
        byIsvId.put(isvId, applicationId);
        nextApplicationId = Math.max(nextApplicationId, applicationId + 1);
        save();
        return app;
    }

    synchronized void activate(ActivatedRange range) {
        activations.add(range);
        save();
    }

    /** The latest activation covering the index: re-activating a range overrides earlier fields. */
    synchronized Optional<ActivatedRange> activationOf(long applicationId, long index) {
        for (int i = activations.size() - 1; i >= 0; i--) {
            if (activations.get(i).covers(applicationId, index)) {
                return Optional.of(activations.get(i));
            }
        }
        return Optional.empty();
    }

    synchronized List<ActivatedRange> activations() {
        return List.copyOf(activations);
    }

    synchronized void ticket(String openid, String ticket, long applicationId, long index) {
        tickets.put(openid + "\n" + ticket, new long[] {applicationId, index});
        save();
    }

    synchronized Optional<long[]> ticket(String openid, String ticket) {
        return Optional.ofNullable(tickets.get(openid + "\n" + ticket));
    }

    private void load() {
        try {
            Snapshot s = JSON.readValue(file.toFile(), Snapshot.class);
            nextApplicationId = s.nextApplicationId();
            for (EmulatedApplication app : s.applications()) {
                applications.put(app.applicationId(), app);
                byIsvId.put(app.isvApplicationId(), app.applicationId());
            }
            activations.addAll(s.activations());
            tickets.putAll(s.tickets());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read emulator state " + file + ": " + e.getMessage(), e);
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), new Snapshot(nextApplicationId, List.copyOf(applications.values()),
                    activations, tickets));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write emulator state " + file + ": " + e.getMessage(), e);
        }
    }
}
