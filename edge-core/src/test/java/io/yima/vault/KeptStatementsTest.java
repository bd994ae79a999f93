package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's kept statements: prepared once per connection, dropped after a failed run, afresh on a new one. */
class KeptStatementsTest {
    static final String INSERT = "INSERT INTO t(k) VALUES (?)";

    @TempDir
    Path dir;
    Connection c;
    final KeptStatements kept = new KeptStatements();

    @BeforeEach
    void open() throws SQLException {
        c = connect();
        c.createStatement().execute("CREATE TABLE t(k INTEGER PRIMARY KEY)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("k.db"));
    }

    private void insert(Connection on, long k) throws SQLException {
        kept.run(on, INSERT, ps -> {
            ps.setLong(1, k);
            ps.executeUpdate();
        });
    }

    private long rows() throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aStatementIsPreparedOnceAndRunAgainWithNewParameters() throws SQLException {
        PreparedStatement first = kept.get(c, INSERT);
        insert(c, 1);
        insert(c, 2);

        assertThat(kept.get(c, INSERT)).isSameAs(first);
        assertThat(first.isClosed()).isFalse();
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void aStatementWhoseRunFailedIsDroppedAndTheNextRunWorks() throws SQLException {
        insert(c, 1);
        PreparedStatement before = kept.get(c, INSERT);

        assertThatThrownBy(() -> insert(c, 1)).isInstanceOf(SQLException.class); // the key is taken

        assertThat(before.isClosed()).isTrue();
        insert(c, 2);
        assertThat(kept.get(c, INSERT)).isNotSameAs(before);
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void anotherConnectionGetsItsOwnStatementsAndTheOldOnesAreClosed() throws SQLException {
        PreparedStatement old = kept.get(c, INSERT);
        try (Connection reopened = connect()) {
            insert(reopened, 7);

            assertThat(old.isClosed()).isTrue();
            assertThat(kept.get(reopened, INSERT).getConnection()).isSameAs(reopened);
        }
        assertThat(rows()).isEqualTo(1);
    }
}
