package io.yima.vault;

/** The product fields WeChat's {@code codeactive} needs for a job's bound codes. */
public record ActivationFields(String activityName, String productBrand, String productTitle, String productCode,
                               String wxaAppid, String wxaPath, Integer wxaType) {
}
