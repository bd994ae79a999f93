package io.yima.sim.printer;

import io.yima.sim.label.LabelRaster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a printer keeps in its volatile memory between labels: a Zebra's stored formats ({@code ^DF}) and graphics
 * ({@code ~DG}) in {@code R:}, a TSC's files ({@code DOWNLOAD}) in DRAM, an ESC/POS printer's downloaded graphics
 * ({@code GS ( L} function 83). Shared by every connection to the printer, emptied by a power cycle, bounded like a
 * printer's memory: a download beyond {@link #MAX_OBJECTS} objects or {@link #MAX_BYTES} bytes is refused.
 */
final class StoredObjects {
    static final int MAX_OBJECTS = 64;
    static final long MAX_BYTES = 8L << 20;

    record Graphic(byte[] bits, int bytesPerRow) {
    }

    private final Map<String, List<String>> formats = new HashMap<>();
    private final Map<String, Graphic> graphics = new HashMap<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, LabelRaster> images = new HashMap<>();
    private final Map<String, Long> sizes = new HashMap<>();
    private long bytes;

    /** Null when stored; else why not (the printer's "memory full"). */
    synchronized String putFormat(String name, List<String> commands) {
        long size = commands.stream().mapToLong(c -> c.length() + 1).sum();
        String refused = room(name, size);
        if (refused == null) {
            graphics.remove(name);
            formats.put(name, List.copyOf(commands));
            account(name, size);
        }
        return refused;
    }

    synchronized String putGraphic(String name, byte[] bits, int bytesPerRow) {
        String refused = room(name, bits.length);
        if (refused == null) {
            formats.remove(name);
            graphics.put(name, new Graphic(bits, bytesPerRow));
            account(name, bits.length);
        }
        return refused;
    }

    /** A TSPL {@code DOWNLOAD}ed file, kept as its bytes. Null when stored; else why not. */
    synchronized String putFile(String name, byte[] content) {
        String key = "file:" + name; // TSPL file names live apart from ZPL object names
        String refused = room(key, content.length);
        if (refused == null) {
            files.put(name, content.clone());
            account(key, content.length);
        }
        return refused;
    }

    /** An ESC/POS downloaded graphic under its two-character key; null when stored, else why not. */
    synchronized String putImage(String key, LabelRaster image, int bytes) {
        String name = "image:" + key;
        String refused = room(name, bytes);
        if (refused == null) {
            images.put(key, image.copy());
            account(name, bytes);
        }
        return refused;
    }

    /** The downloaded graphic under a key, or null; a copy, so a label drawn from it cannot change it. */
    synchronized LabelRaster image(String key) {
        LabelRaster r = images.get(key);
        return r == null ? null : r.copy();
    }

    /** ESC/POS's "delete all downloaded graphics" (and {@code ESC @}, which may clear them too). */
    synchronized void deleteImages() {
        for (String key : images.keySet()) {
            Long size = sizes.remove("image:" + key);
            bytes -= size == null ? 0 : size;
        }
        images.clear();
    }

    synchronized byte[] file(String name) {
        return files.get(name);
    }

    synchronized List<String> format(String name) {
        return formats.get(name);
    }

    synchronized Graphic graphic(String name) {
        return graphics.get(name);
    }

    /** Objects held: formats, graphics, files and downloaded graphics. */
    synchronized int size() {
        return formats.size() + graphics.size() + files.size() + images.size();
    }

    /** Power off: volatile memory is gone. */
    synchronized void clear() {
        formats.clear();
        graphics.clear();
        files.clear();
        images.clear();
        sizes.clear();
        bytes = 0;
    }

    private String room(String name, long size) {
        long replaced = sizes.getOrDefault(name, 0L);
        if (!sizes.containsKey(name) && sizes.size() >= MAX_OBJECTS) {
            return "memory full: " + MAX_OBJECTS + " stored objects";
        }
        if (bytes - replaced + size > MAX_BYTES) {
            return "memory full: " + MAX_BYTES + " bytes";
        }
        return null;
    }

    private void account(String name, long size) {
        Long old = sizes.put(name, size);
        bytes += size - (old == null ? 0 : old);
    }
}
