package io.yima.upstream;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code codeactive} attaches to a range: the job's activity and product, and the mini program a scan
 * opens. Two bound indexes can share one range only when these are equal.
 *
 * @param productCode the product's EAN
 * @param wxaType 0 release, 1 develop, 2 trial; null leaves it to WeChat's default
 */
public record ActivationFields(String activityName, String productBrand, String productTitle, String productCode,
                               String wxaAppid, String wxaPath, Integer wxaType) {

    /** The names of missing fields; {@code codeactive} needs all but wxa_type. */
    public List<String> missing() {
        List<String> m = new ArrayList<>();
        if (blank(activityName)) {
            m.add("activity_name");
        }
        if (blank(productBrand)) {
            m.add("product_brand");
        }
        if (blank(productTitle)) {
            m.add("product_title");
        }
        if (blank(productCode)) {
            m.add("product_code");
        }
        if (blank(wxaAppid)) {
            m.add("wxa_appid");
        }
        if (blank(wxaPath)) {
            m.add("wxa_path");
        }
        if (wxaType != null && (wxaType < 0 || wxaType > 2)) {
            m.add("wxa_type (0, 1 or 2)");
        }
        return m;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
