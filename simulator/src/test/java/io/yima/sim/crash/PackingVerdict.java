package io.yima.sim.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.packing.CameraRecord;
import io.yima.sim.packing.CasePacker;
import io.yima.vault.CaseCodeKind;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import io.yima.vault.PackLevel;
import io.yima.vault.PackResult;
import io.yima.vault.PackState;
import io.yima.vault.PackUnit;
import io.yima.vault.Sscc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges a packing torture run: first everything {@link TortureVerdict} judges of the item labels, then the cases,
 * by the case packer's record (which items went into which case), the camera's (which label was on it, scan mode),
 * the case printer's (which case labels were printed) and what the PLC heard, against the vault after recovery:
 * no case label printed twice; every case the vault holds PACKED holds exactly the items the packer put in one
 * case, and no item is in two cases; a physical case is packed whole or not at all; every CASE_PACKED the PLC heard
 * is PACKED in the vault with its count, every case PACKED in the vault was told CASE_PACKED (if need be on the
 * HELLO after a restart), every CASE_REJECTED is not packed; the items of kicked and refused cases are
 * free: the vault packs every bound item in no case into new cases without a refusal.
 */
final class PackingVerdict {
    private PackingVerdict() {
    }

    static void check(String what, PackingTortureLine line, Path vaultFile) throws Exception {
        List<String> caseReads = line.caseReads();
        List<CasePacker.PackedCase> physical = line.packer.record();
        List<PackingTorturePlc.CaseResult> heard = line.plc.caseResults;
        List<String> caseProblems = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        for (String read : caseReads) {
            if (read == null) {
                caseProblems.add("a case label that does not read");
            } else if (labels.merge(Sscc.digitsOf(read), 1, Integer::sum) > 1) {
                caseProblems.add("case label " + Sscc.digitsOf(read) + " printed twice");
            }
        }
        Map<Set<String>, CasePacker.PackedCase> caseByItems = new HashMap<>();
        Map<String, CasePacker.PackedCase> caseOfItem = new HashMap<>();
        for (CasePacker.PackedCase c : physical) {
            caseByItems.put(Set.copyOf(c.items()), c);
            c.items().forEach(i -> caseOfItem.put(i, c));
        }
        Map<String, CameraRecord> cameraByLabel = new HashMap<>();
        for (CameraRecord r : line.cameraRecords()) {
            if (r.caseCode() != null) {
                cameraByLabel.put(Sscc.digitsOf(r.caseCode()), r);
            }
        }
        int packedUnits = 0;
        int freeItems = 0;
        try (CodeVault vault = CodeVault.open(vaultFile)) {
            vault.recover();
            Set<String> inACase = new HashSet<>();
            Map<String, PackUnit> packedByCode = new HashMap<>();
            for (String job : line.jobs) {
                for (PackUnit u : vault.packing().units(job, PackLevel.CASE)) {
                    if (u.state() != PackState.PACKED) {
                        caseProblems.add("case " + u.code() + " of " + job + " is " + u.state());
                        continue;
                    }
                    packedUnits++;
                    packedByCode.put(u.code(), u);
                    for (String child : u.children()) {
                        if (!inACase.add(child)) {
                            caseProblems.add("item " + child + " in two cases");
                        }
                    }
                    CasePacker.PackedCase truth = caseByItems.get(Set.copyOf(u.children()));
                    if (truth == null || truth.items().size() != u.children().size()) {
                        caseProblems.add("case " + u.code() + " holds " + u.children()
                                + ", not the items of any case the packer closed");
                    }
                    if (!labels.containsKey(u.code())) {
                        caseProblems.add("case " + u.code() + " is packed but its label was never printed");
                    }
                    CameraRecord seen = cameraByLabel.get(u.code());
                    if (line.mode == PackingTortureLine.Mode.SCAN
                            && (seen == null || !Set.copyOf(seen.items()).equals(Set.copyOf(u.children())))) {
                        caseProblems.add("case " + u.code() + " holds " + u.children() + ", the camera saw "
                                + (seen == null ? "no case with that label" : seen.items()) + " under it");
                    }
                }
            }
            for (CasePacker.PackedCase c : physical) {
                long in = c.items().stream().filter(inACase::contains).count();
                if (in != 0 && in != c.items().size()) {
                    caseProblems.add("packer case " + c.number() + " is packed in part: " + in + " of "
                            + c.items().size());
                }
            }
            for (String k : line.kicked) {
                if (inACase.contains(k)) {
                    caseProblems.add("item " + k + " was kicked out with an open case but is packed");
                }
            }
            Set<String> toldPacked = new HashSet<>();
            heard.stream().filter(PackingTorturePlc.CaseResult::packed).forEach(r -> toldPacked.add(r.code()));
            for (String code : packedByCode.keySet()) {
                if (!toldPacked.contains(code)) {
                    // CASE_PACKED is journaled with the pack: replayed on HELLO whatever happened after the commit
                    caseProblems.add("case " + code + " is packed in the vault but the PLC never heard CASE_PACKED");
                }
            }
            for (PackingTorturePlc.CaseResult r : heard) {
                PackUnit u = packedByCode.get(r.code());
                if (r.packed() && (u == null || u.children().size() != r.items())) {
                    caseProblems.add("CASE_PACKED " + r + " but the vault has " + u);
                }
                if (!r.packed() && u != null) {
                    caseProblems.add("CASE_REJECTED " + r + " but the vault has it packed: " + u);
                }
            }
            Set<String> withResult = new HashSet<>();
            heard.forEach(r -> withResult.add(r.code()));
            long inFlight = labels.keySet().stream().filter(l -> !withResult.contains(l)).count();
            long inFlightPacked = labels.keySet().stream()
                    .filter(l -> !withResult.contains(l) && packedByCode.containsKey(l)).count();
            System.out.printf("%s: %d cases closed by the packer, %d packed in the vault, %d case results heard"
                    + " (%d refused), %d case labels printed without a result (%d of them packed), %d items kicked"
                    + " with open cases, %d case labels thrown away, %d case problems%n", what, physical.size(),
                    packedUnits, heard.size(), heard.stream().filter(r -> !r.packed()).count(), inFlight,
                    inFlightPacked, line.kicked.size(), line.labelsThrownAway.size(), caseProblems.size());
            caseProblems.stream().limit(20).forEach(p -> System.out.println("  case problem: " + p));

            // Free to pack again: every bound item of the run in no case goes into new cases (rework).
            for (String job : line.jobs) {
                List<String> free = new ArrayList<>();
                JobReport report = vault.jobReport(job);
                for (long index : report.indexes().get(CodeState.BOUND)) {
                    CodeRecord c = vault.byIndex(TortureLine.APP, index).orElseThrow();
                    if (!inACase.contains(c.code())) {
                        free.add(c.code());
                    }
                }
                freeItems += free.size();
                for (int from = 0; from < free.size(); from += PackingTortureLine.PER_CASE) {
                    List<String> chunk = free.subList(from, Math.min(free.size(), from + PackingTortureLine.PER_CASE));
                    Sscc sscc = vault.packing().reserveSscc(PackingTortureLine.COMPANY_PREFIX, 1);
                    PackResult r = vault.packing().pack(job, PackLevel.CASE, sscc.digits(), CaseCodeKind.SSCC,
                            chunk.size(), chunk);
                    if (!r.packed()) {
                        caseProblems.add("rework of " + job + "'s free items refused: " + r.refusal() + " "
                                + r.offending() + " " + r.detail());
                    }
                }
            }
        }
        // the item labels: nothing printed twice, every printed code accounted for, every job balanced
        TortureVerdict.check(what, line.reads(), vaultFile, line.jobs, line.outages, line.problems());
        assertThat(caseProblems).as("%s: the cases (outages: %s)", what, line.outages).isEmpty();
        assertThat(packedUnits).as("%s: cases packed", what).isGreaterThanOrEqualTo(line.jobs.size() * 5);
        assertThat(heard.stream().filter(PackingTorturePlc.CaseResult::packed).count())
                .as("%s: CASE_PACKED heard", what).isPositive();
        assertThat(freeItems).as("%s: items left free by outages (kicked or in refused cases)", what).isPositive();
        assertThat(heard.stream().filter(r -> !r.packed()).count()).as("%s: cases refused", what).isPositive();
    }
}
