package io.yima.upstream;

import io.yima.vault.ActivationFields;

/**
 * The {@code codeactivequery} / {@code tickettocode} answer: which code it is and, once activated, the fields and
 * the range it was activated with ({@code codeStart}/{@code codeEnd} null when not activated).
 */
public record CodeInfo(Long applicationId, Long codeIndex, String code, String codeUrl, String activityName,
                       String productBrand, String productTitle, String productCode, String wxaAppid,
                       String wxaPath, Integer wxaType, Long codeStart, Long codeEnd) {

    public boolean activated() {
        return codeStart != null && codeEnd != null;
    }

    public ActivationFields fields() {
        return new ActivationFields(activityName, productBrand, productTitle, productCode, wxaAppid, wxaPath, wxaType);
    }
}
