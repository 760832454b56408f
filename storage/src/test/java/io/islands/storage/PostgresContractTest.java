package io.islands.storage;

/** The contract on PostgreSQL (a schema of its own per test). */
class PostgresContractTest extends StateStoreContract {
    private String schema;

    @Override
    String freshUrl() {
        String url = PostgresServer.freshUrl();
        schema = url.replaceAll(".*currentSchema=([a-z0-9]+).*", "$1");
        return url;
    }

    @Override
    void corrupt(String key, long revision, String text) {
        PostgresServer.sql("UPDATE " + schema + ".islands_states SET state = '" + text.replace("'", "''")
                + "'::jsonb WHERE key = '" + key + "' AND revision = " + revision);
    }
}
