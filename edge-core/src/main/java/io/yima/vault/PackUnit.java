package io.yima.vault;

import java.util.List;

/**
 * One case or pallet as the vault holds it.
 *
 * @param code       the unit's code: a WeChat code (its {@code code} text) or the 18 digits of an SSCC
 * @param childCount how many children it was packed with
 * @param children   the children in it now (item codes, or case codes on a pallet), in packing order; empty once
 *                   unpacked or voided
 * @param reason     why it was unpacked or voided, and by whom; null while packed
 * @param url        the WeChat case code's URL ({@code P.URL.CN/…}); null for an SSCC
 * @param ssccUri    the SSCC as EPC URI ({@code urn:epc:id:sscc:…}); null for a WeChat case code
 */
public record PackUnit(long id, String code, CaseCodeKind kind, PackLevel level, String jobId, PackState state,
                       int childCount, List<String> children, long packedMillis, long updatedMillis, String reason,
                       String url, String ssccUri) {
    public PackUnit {
        children = List.copyOf(children);
    }
}
