package io.yima.upstream;

import io.yima.vault.ActivationFields;
import java.util.ArrayList;
import java.util.List;

/** What {@code codeactive} requires of a job's activation fields. */
final class ActivationCheck {
    private ActivationCheck() {
    }

    /** The names of missing or invalid fields; empty when a range can be activated with these fields. */
    static List<String> missing(ActivationFields f) {
        List<String> m = new ArrayList<>();
        if (f == null) {
            return List.of("activity_name", "product_brand", "product_title", "product_code", "wxa_appid", "wxa_path");
        }
        require(m, "activity_name", f.activityName());
        require(m, "product_brand", f.productBrand());
        require(m, "product_title", f.productTitle());
        require(m, "product_code", f.productCode());
        require(m, "wxa_appid", f.wxaAppid());
        require(m, "wxa_path", f.wxaPath());
        if (f.wxaType() != null && (f.wxaType() < 0 || f.wxaType() > 2)) {
            m.add("wxa_type (0, 1 or 2)");
        }
        return m;
    }

    private static void require(List<String> m, String name, String value) {
        if (value == null || value.isBlank()) {
            m.add(name);
        }
    }
}
