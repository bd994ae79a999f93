package io.yima.vault;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on the vault's writer connection inside one transaction (see {@link CodeVault#inTransaction}). */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection writer) throws SQLException;
}
