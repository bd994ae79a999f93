package io.yima.sim.line;

import io.yima.vault.CodeVault;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The vault's audit entries of one kind (their JSON bodies, oldest first), read with a connection of its own. */
final class VaultAudit {
    private VaultAudit() {
    }

    static List<String> bodies(CodeVault vault, String kind) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vault.file());
             PreparedStatement ps = c.prepareStatement("SELECT json FROM event WHERE kind = ? ORDER BY seq")) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
