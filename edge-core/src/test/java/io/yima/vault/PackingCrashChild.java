package io.yima.vault;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A second process for {@link PackingCrashTest}: packs cases of three free BOUND items of job J1 under fresh SSCCs
 * as fast as it can, replacing an item every 5th case and unpacking every 7th, and prints {@code packed CODE}
 * after each pack returned (so committed). Runs until killed.
 */
public final class PackingCrashChild {
    private PackingCrashChild() {
    }

    public static void main(String[] args) {
        try (CodeVault vault = CodeVault.open(Path.of(args[0]))) {
            Packing p = vault.packing();
            for (int n = 1; ; n++) {
                List<String> free = free(vault, 4);
                if (free.size() < 4) {
                    System.out.println("exhausted");
                    System.out.flush();
                    return;
                }
                String sscc = p.reserveSscc(PackingFixture.PREFIX, 2).digits();
                PackResult r = p.pack("J1", PackLevel.CASE, sscc, CaseCodeKind.SSCC, 3, free.subList(0, 3));
                if (!r.packed()) {
                    throw new IllegalStateException(r.detail());
                }
                System.out.println("packed " + sscc);
                if (n % 5 == 0) {
                    p.replace(sscc, free.get(0), free.get(3), "crash-test");
                    System.out.println("replaced " + sscc + " " + free.get(0) + " " + free.get(3));
                }
                if (n % 7 == 0) {
                    p.unpack(sscc, "crash-test", "rework");
                    System.out.println("unpacked " + sscc);
                }
                System.out.flush();
            }
        }
    }

    private static List<String> free(CodeVault vault, int n) {
        return vault.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code FROM code WHERE job_id = 'J1' AND state = "
                    + CodeState.BOUND.stored() + " AND NOT EXISTS (SELECT 1 FROM pack_child p WHERE p.child ="
                    + " code.code AND p.active = 1) ORDER BY id LIMIT ?")) {
                ps.setInt(1, n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }
}
