/**
 * Islands storage: durable state stores for checkpointed processes (SQLite, PostgreSQL), disk
 * tables, the cluster's PostgreSQL half, and the store inspection command (docs/storage.md, docs/tables.md).
 *
 * <p>Exports its four packages, all API ({@code cluster}: membership, ownership and fenced saves
 * in PostgreSQL, docs/cluster.md). The JDBC drivers are found by {@link
 * java.sql.DriverManager} through the service loader; PostgreSQL's is an automatic module (no
 * descriptor of its own), read through that loader only.
 */
module io.islands.storage {
    requires transitive io.islands.runtime;
    requires java.sql;
    requires com.fasterxml.jackson.databind;
    requires com.zaxxer.hikari;
    requires org.slf4j;
    requires org.xerial.sqlitejdbc;

    exports io.islands.storage;
    exports io.islands.storage.cli;
    exports io.islands.storage.cluster;
    exports io.islands.storage.table;
}
