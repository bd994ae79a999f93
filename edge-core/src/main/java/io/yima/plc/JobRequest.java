package io.yima.plc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A START request: the positional job fields and the optional {@code key=value} options, decoded. */
public record JobRequest(String jobId, String sku, String batch, int quantity, Map<String, String> options) {
    static final Set<String> OPTION_KEYS = Set.of("symbol", "mode", "application", "activity", "brand", "title", "ean",
            "wxa_appid", "wxa_path", "wxa_type");

    /** Parses START's arguments; a bad field is a {@link PlcNak} naming it. */
    public static JobRequest parse(List<String> args) {
        if (args.size() < 4) {
            throw new PlcNak("BAD_FRAME", "START needs job,sku,batch,qty");
        }
        String job = text(args.get(0), "job");
        if (!job.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new PlcNak("BAD_FIELD", "job");
        }
        String sku = text(args.get(1), "sku");
        String batch = text(args.get(2), "batch");
        int qty;
        try {
            qty = Integer.parseInt(args.get(3));
        } catch (NumberFormatException e) {
            throw new PlcNak("BAD_FIELD", "qty");
        }
        if (qty < 1 || qty > 10_000_000) {
            throw new PlcNak("BAD_FIELD", "qty");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String kv : args.subList(4, args.size())) {
            int eq = kv.indexOf('=');
            String key = eq < 0 ? kv : kv.substring(0, eq);
            if (eq < 0 || !OPTION_KEYS.contains(key)) {
                throw new PlcNak("BAD_FIELD", key);
            }
            options.put(key, text(kv.substring(eq + 1), key));
        }
        return new JobRequest(job, sku, batch, qty, Map.copyOf(options));
    }

    private static String text(String field, String name) {
        String v = PlcMessage.decode(field);
        if (v == null || v.isEmpty() || v.length() > 128) {
            throw new PlcNak("BAD_FIELD", name);
        }
        return v;
    }
}
