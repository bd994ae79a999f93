package io.yima.line.packing;

import io.yima.config.LineConfig;
import io.yima.line.CaseRejectReason;
import io.yima.vault.CaseCodeKind;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import io.yima.vault.Issue;
import io.yima.vault.PackLevel;
import io.yima.vault.PackResult;
import io.yima.vault.Sscc;
import io.yima.vault.PackState;
import io.yima.vault.PackTree;
import io.yima.vault.PackUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * Case codes and packing from the vault. WeChat case codes: one code of the case application is reserved for the
 * job and committed SENT (the same RESERVED → SENT path as an item's label) before its label is printed; the pack
 * binds it. SSCC case codes: the vault's persisted serial counter gives the next SSCC-18, committed before it
 * returns. Pallet codes are SSCC-18 from the same counter (the case codes' company prefix). Runs on the line's
 * thread.
 */
public final class VaultCaseBinder implements CaseBinder {
    private final CodeVault vault;
    private final LineConfig.CaseCodes codes;

    public VaultCaseBinder(CodeVault vault, LineConfig line) {
        this.vault = vault;
        this.codes = line.packing().caseCodes();
    }

    @Override
    public long casesPacked(String jobId) {
        return vault.packing().units(jobId, PackLevel.CASE).size();
    }

    @Override
    public CaseCode reserve(String jobId) {
        if (!codes.wechat()) {
            Sscc sscc = vault.packing().reserveSscc(codes.companyPrefix(),
                    codes.extension() == null ? 0 : codes.extension());
            return new CaseCode(sscc.barcodeData(), sscc.digits());
        }
        List<CodeRecord> one = vault.reserve(codes.application(), jobId, 1);
        if (one.isEmpty()) {
            throw new IllegalStateException("case application " + codes.application() + " has no codes left");
        }
        CodeRecord c = one.get(0);
        // the case's "item" is the case label itself: named by its own code, unique in the job across restarts
        vault.markSent(List.of(new Issue(c.applicationId(), c.index(), jobId, "case-" + c.code())));
        return new CaseCode(c.url(), c.code());
    }

    @Override
    public Optional<CaseRejectReason> pack(String jobId, CaseCode caseCode, int expected, List<String> children) {
        PackResult r = vault.packing().pack(jobId, PackLevel.CASE, caseCode.read(),
                codes.wechat() ? CaseCodeKind.WECHAT : CaseCodeKind.SSCC, expected, children);
        return r.packed() ? Optional.empty() : Optional.of(reason(r));
    }

    @Override
    public CaseCode reservePallet(String jobId) {
        Sscc sscc = vault.packing().reserveSscc(codes.companyPrefix(), codes.extension() == null ? 0 : codes.extension());
        return new CaseCode(sscc.barcodeData(), sscc.digits());
    }

    @Override
    public Optional<CaseRejectReason> packPallet(String jobId, CaseCode pallet, List<String> cases) {
        PackResult r = vault.packing().pack(jobId, PackLevel.PALLET, pallet.read(), CaseCodeKind.SSCC, cases.size(),
                cases);
        return r.packed() ? Optional.empty() : Optional.of(reason(r));
    }

    @Override
    public long palletsPacked(String jobId) {
        return vault.packing().units(jobId, PackLevel.PALLET).size();
    }

    @Override
    public List<String> casesOnNoPallet(String jobId) {
        Set<String> onPallets = new HashSet<>();
        vault.packing().units(jobId, PackLevel.PALLET).forEach(p -> onPallets.addAll(p.children()));
        return vault.packing().units(jobId, PackLevel.CASE).stream()
                .filter(c -> c.state() == PackState.PACKED && !onPallets.contains(c.code()))
                .map(PackUnit::code).toList();
    }

    @Override
    public String caseKey(String read) {
        return vault.packing().tree(read).code();
    }

    @Override
    public CaseRejectReason strayCase(String jobId, String caseKey) {
        PackTree t = vault.packing().tree(caseKey);
        Optional<PackUnit> unit = t.unit();
        if (unit.isEmpty() || unit.get().level() != PackLevel.CASE || !jobId.equals(unit.get().jobId())
                || unit.get().state() != PackState.PACKED) {
            return CaseRejectReason.FOREIGN;
        }
        return t.parent().isPresent() ? CaseRejectReason.ALREADY_PACKED : CaseRejectReason.EXTRA;
    }

    /** The vault's refusal in the line's words (the same names; a rework-only reason cannot come from a pack). */
    private static CaseRejectReason reason(PackResult r) {
        try {
            return CaseRejectReason.valueOf(r.refusal().name());
        } catch (IllegalArgumentException e) {
            return CaseRejectReason.FOREIGN;
        }
    }
}
