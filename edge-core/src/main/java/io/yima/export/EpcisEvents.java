package io.yima.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.yima.vault.ExportOutbox;
import io.yima.vault.ExportOutbox.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Turns export outbox records into EPCIS 2.0 JSON-LD {@code ObjectEvent}s (docs/export.md has the mapping). The
 * EPC of a code is its WeChat URL; the read point is the line, the business location the site; job and item
 * fields are extensions in the {@code yima:} namespace. A payload depends only on the record, so the MQTT export
 * and the file export of the same event are the same bytes, and a re-sent event carries the same {@code eventID}.
 */
public final class EpcisEvents {
    public static final String EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";
    public static final String YIMA_NS = "https://yima.io/ns/epcis/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final String site;
    private final String edge;
    private final String siteUri;
    private final ZoneId zone;
    private final String vaultId;

    public EpcisEvents(String site, String edge, String siteUri, ZoneId zone, String vaultId) {
        this.site = site;
        this.edge = edge;
        this.siteUri = siteUri;
        this.zone = zone;
        this.vaultId = vaultId;
    }

    /** Where the events happen: names for topics and locations, and the time zone of eventTime. */
    public record Place(String site, String edge, String siteUri, ZoneId zone) {
    }

    public static EpcisEvents of(ExportConfig.Mqtt c, String vaultId) {
        return new EpcisEvents(c.site(), c.edge(), c.siteUriOrDefault(), ZoneId.of(c.timeZone()), vaultId);
    }

    /** The stable event id of outbox row {@code seq} of vault {@code vaultId}: a name-based UUID URN. */
    public static String eventId(String vaultId, long seq) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("yima-export:" + vaultId + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }

    public String eventId(long seq) {
        return eventId(vaultId, seq);
    }

    /**
     * The EPC of a code: its URL as WeChat issued it ({@code P.URL.CN/…}, no scheme; the QR symbol carries it so)
     * with {@code https://} in front, characters a URI cannot hold percent-encoded. Stripping the prefix (and
     * decoding) gives the vault's URL back; a URL that already has a scheme is kept.
     */
    public static String epc(String url) {
        String u = url.contains("://") ? url : "https://" + url;
        StringBuilder sb = new StringBuilder(u.length() + 8);
        for (byte b : u.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (b & 0xff);
            if (b >= 0 && (Character.isLetterOrDigit(ch) || "-._~!$&'()*+,;=:@/".indexOf(ch) >= 0)) {
                sb.append(ch);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    public String readPoint(String line) {
        return "urn:yima:line:" + site + ":" + edge + ":" + (line == null ? "-" : line);
    }

    /** One event as a standalone JSON-LD object (with its {@code @context}), the MQTT payload. */
    public ObjectNode event(Record r) {
        ObjectNode e = JSON.createObjectNode();
        e.set("@context", context());
        body(e, r);
        return e;
    }

    public byte[] payload(Record r) {
        try {
            return JSON.writeValueAsBytes(event(r));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** An EPCISDocument holding {@code records}' events (the file export). */
    public ObjectNode document(List<Record> records, Instant created) {
        ObjectNode d = JSON.createObjectNode();
        d.set("@context", context());
        d.put("type", "EPCISDocument");
        d.put("schemaVersion", "2.0");
        d.put("creationDate", time(created.toEpochMilli()));
        ArrayNode list = d.putObject("epcisBody").putArray("eventList");
        for (Record r : records) {
            body(list.addObject(), r);
        }
        return d;
    }

    private static ArrayNode context() {
        ArrayNode ctx = JSON.createArrayNode();
        ctx.add(EPCIS_CONTEXT);
        ctx.addObject().put("yima", YIMA_NS);
        return ctx;
    }

    private void body(ObjectNode e, Record r) {
        if (r.kind() == ExportOutbox.Kind.PACKED || r.kind() == ExportOutbox.Kind.UNPACKED) {
            aggregation(e, r);
            return;
        }
        stamp(e, r, "ObjectEvent");
        ArrayNode epcs = e.putArray("epcList");
        if (r.code() != null) {
            epcs.add(epc(r.code().url()));
        }
        switch (r.kind()) {
            case COMMISSIONED -> step(e, "ADD", "commissioning", "active");
            case BOUND -> step(e, "OBSERVE", "inspecting", "conformant");
            case REJECTED -> step(e, "OBSERVE", "inspecting", "non_conformant");
            case VOIDED -> step(e, "DELETE", "decommissioning", "inactive");
            case ACTIVATED -> step(e, "OBSERVE", "yima:activating", "active");
            default -> e.put("action", "OBSERVE");
        }
        where(e, r);
        if (r.code() != null) {
            ObjectNode code = e.putObject("yima:code");
            code.put("application", r.code().applicationId());
            code.put("index", r.code().index());
            code.put("code", r.code().code());
        }
        if (r.itemId() != null) {
            e.put("yima:item", r.itemId());
        }
        if (r.reason() != null) {
            e.put("yima:reason", r.reason());
        }
        if (r.job() != null) {
            ObjectNode job = e.putObject("yima:job");
            job.put("id", r.job().id());
            job.put("application", r.job().applicationId());
            job.put("sku", r.job().sku());
            job.put("batch", r.job().batch());
            job.put("quantity", r.job().quantity());
            job.put("mode", r.job().mode());
        }
        detail(e, r);
    }

    /** The fields every event starts with: its type, id, time and the time zone offset at the site. */
    private void stamp(ObjectNode e, Record r, String type) {
        e.put("type", type);
        e.put("eventID", eventId(r.seq()));
        e.put("eventTime", time(r.ts()));
        e.put("eventTimeZoneOffset", ZonedDateTime.ofInstant(Instant.ofEpochMilli(r.ts()), zone).getOffset().getId()
                .replace("Z", "+00:00"));
    }

    /** Where and from which outbox row an event comes: read point, site, and the edge's own fields. */
    private void where(ObjectNode e, Record r) {
        e.putObject("readPoint").put("id", readPoint(r.line()));
        e.putObject("bizLocation").put("id", siteUri);
        e.put("yima:event", r.kind().name());
        e.put("yima:seq", r.seq());
        e.put("yima:edge", edge);
        e.put("yima:line", r.line());
    }

    /**
     * A case or pallet packed (ADD) or children leaving it (DELETE: unpacked, replaced, voided) as an EPCIS
     * {@code AggregationEvent}: {@code parentID} is the case's WeChat URL or its SSCC as {@code urn:epc:id:sscc:…},
     * {@code childEPCs} the items' URLs (or the cases' codes on a pallet), all taken from the outbox row's detail.
     */
    private void aggregation(ObjectNode e, Record r) {
        JsonNode d;
        try {
            d = JSON.readTree(r.detail() == null ? "{}" : r.detail());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        boolean add = r.kind() == ExportOutbox.Kind.PACKED;
        stamp(e, r, "AggregationEvent");
        e.put("parentID", aggregateEpc(d.path("parent")));
        ArrayNode children = e.putArray("childEPCs");
        for (JsonNode child : d.path("children")) {
            children.add(aggregateEpc(child));
        }
        e.put("action", add ? "ADD" : "DELETE");
        e.put("bizStep", add ? "packing" : "unpacking");
        where(e, r);
        e.put("yima:level", d.path("level").asText());
        e.put("yima:change", d.path("why").asText());
        e.put("yima:parentCode", d.path("parent").path("code").asText());
        if (r.reason() != null) {
            e.put("yima:reason", r.reason());
        }
        if (r.job() != null) {
            ObjectNode job = e.putObject("yima:job");
            job.put("id", r.job().id());
            job.put("sku", r.job().sku());
            job.put("batch", r.job().batch());
        }
    }

    /** The EPC of a packing node in an outbox detail: its SSCC URI, else its WeChat URL, else a yima code URN. */
    private static String aggregateEpc(JsonNode node) {
        if (node.hasNonNull("sscc")) {
            return node.get("sscc").asText();
        }
        if (node.hasNonNull("url")) {
            return epc(node.get("url").asText());
        }
        return "urn:yima:code:" + node.path("code").asText();
    }

    private static void step(ObjectNode e, String action, String bizStep, String disposition) {
        e.put("action", action);
        e.put("bizStep", bizStep);
        e.put("disposition", disposition);
    }

    /** The line's own words for a fault, a clear and a closing account (kept as the line journaled them). */
    private static void detail(ObjectNode e, Record r) {
        if (r.detail() == null) {
            return;
        }
        JsonNode d;
        try {
            d = JSON.readTree(r.detail());
        } catch (IOException ex) {
            return;
        }
        if (r.kind() == ExportOutbox.Kind.JOB_CLOSED && d.has("account")) {
            JsonNode a = d.get("account");
            ObjectNode account = e.putObject("yima:account");
            for (String f : List.of("printed", "bound", "rejected", "voided")) {
                account.put(f, a.path(f).asLong());
            }
        }
        if (d.hasNonNull("device")) {
            e.put("yima:device", d.get("device").asText().toLowerCase(java.util.Locale.ROOT));
        }
        if (d.hasNonNull("reason")) {
            e.put("yima:reason", d.get("reason").asText());
        }
    }

    private String time(long millis) {
        return TIME.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), zone));
    }
}
