package io.yima.cli.vault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yima.vault.PackTree;
import io.yima.vault.PackUnit;
import java.time.Instant;

/** A case or pallet as JSON, the same for {@code vault lookup}, the rework commands and {@code job report}. */
public final class PackUnitJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PackUnitJson() {
    }

    public static ObjectNode of(PackUnit u) {
        ObjectNode o = JSON.createObjectNode();
        o.put("code", u.code());
        o.put("level", u.level().name());
        o.put("kind", u.kind().name());
        if (u.ssccUri() != null) {
            o.put("sscc", u.ssccUri());
        }
        if (u.url() != null) {
            o.put("url", u.url());
        }
        o.put("job_id", u.jobId());
        o.put("state", u.state().name());
        o.put("packed_with", u.childCount());
        u.children().forEach(o.putArray("children")::add);
        o.put("packed", Instant.ofEpochMilli(u.packedMillis()).toString());
        o.put("updated", Instant.ofEpochMilli(u.updatedMillis()).toString());
        o.put("reason", u.reason());
        return o;
    }

    /** {@code parent}: the unit holding the code now (null when none); {@code unit}: the code as a case/pallet. */
    public static ObjectNode of(PackTree t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("code", t.code());
        o.put("known", t.known());
        if (t.parent().isPresent()) {
            o.set("parent", of(t.parent().get()));
        } else {
            o.putNull("parent");
        }
        if (t.unit().isPresent()) {
            o.set("unit", of(t.unit().get()));
        } else {
            o.putNull("unit");
        }
        return o;
    }
}
