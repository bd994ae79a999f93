package io.yima.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key of a YAML text is, by its config path ({@code lines[0].plc.port}), so that every config error —
 * from the parser or from validation after it — can say "line 7, column 5" as well as the key.
 */
public final class YamlLocations {
    private final Map<String, JsonLocation> byPath;

    private YamlLocations(Map<String, JsonLocation> byPath) {
        this.byPath = byPath;
    }

    /** Indexes {@code yaml}; a text the parser cannot read yields an empty index (the parse error says where). */
    public static YamlLocations of(String yaml) {
        Map<String, JsonLocation> out = new HashMap<>();
        Deque<String> paths = new ArrayDeque<>();
        Deque<int[]> indexes = new ArrayDeque<>(); // per open container: {-1} for an object, {next index} for a list
        String pendingField = null;
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    String parent = paths.isEmpty() ? "" : paths.peek();
                    pendingField = parent.isEmpty() ? p.currentName() : parent + "." + p.currentName();
                    out.putIfAbsent(pendingField, p.currentTokenLocation());
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    paths.poll();
                    indexes.poll();
                    continue;
                }
                String here;
                if (!indexes.isEmpty() && indexes.peek()[0] >= 0) {
                    here = paths.peek() + "[" + indexes.peek()[0]++ + "]";
                    out.putIfAbsent(here, p.currentTokenLocation());
                } else {
                    here = pendingField == null ? "" : pendingField;
                }
                pendingField = null;
                if (t == JsonToken.START_OBJECT) {
                    paths.push(here);
                    indexes.push(new int[] {-1});
                } else if (t == JsonToken.START_ARRAY) {
                    paths.push(here);
                    indexes.push(new int[] {0});
                }
            }
        } catch (IOException e) {
            return new YamlLocations(Map.of());
        }
        return new YamlLocations(out);
    }

    /** " (line L, column C)" for {@code path} or its nearest parent that is in the text; "" when none is. */
    public String describe(String path) {
        for (String p = path; p != null && !p.isEmpty(); p = parent(p)) {
            JsonLocation l = byPath.get(p);
            if (l != null) {
                return " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
            }
        }
        return "";
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? null : path.substring(0, cut);
    }
}
