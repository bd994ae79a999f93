package io.yima.sim.wechat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which code and URL belong to which (application, index), learnt from the packages the emulator
 * hands out, so {@code codeactivequery} by code or URL can answer whatever generator made them.
 */
final class CodeDirectory {
    record Entry(long applicationId, long index, String code, String url) {
    }

    private final Map<String, Entry> byCode = new ConcurrentHashMap<>();
    private final Map<String, Entry> byUrl = new ConcurrentHashMap<>();
    private final Map<Long, Entry> byPosition = new ConcurrentHashMap<>();

    void learn(long applicationId, String plaintext) {
        for (String line : plaintext.split("\r?\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 4) {
                continue;
            }
            Entry e = new Entry(applicationId, Long.parseLong(f[2]), f[1], f[3]);
            byCode.put(e.code(), e);
            byUrl.put(e.url(), e);
            byPosition.put(position(applicationId, e.index()), e);
        }
    }

    Optional<Entry> code(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    Optional<Entry> url(String url) {
        return Optional.ofNullable(byUrl.get(url));
    }

    Optional<Entry> at(long applicationId, long index) {
        return Optional.ofNullable(byPosition.get(position(applicationId, index)));
    }

    private static long position(long applicationId, long index) {
        return applicationId << 32 | index;
    }
}
