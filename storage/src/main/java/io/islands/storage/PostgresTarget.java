package io.islands.storage;

import java.util.Optional;

/**
 * Where a PostgreSQL store URL points, for a library that connects to the same database by
 * itself (the cluster's JGroups discovery table): the JDBC URL with the driver's parameters only
 * (the store's own options removed), the user and the password. Immutable.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db[?driver parameters]}
 * @param user the user, or null (then the URL's own, if any)
 * @param password the password, or null
 */
public record PostgresTarget(String jdbcUrl, String user, String password) {

    /**
     * @return the target of {@code storeUrl} if it is a PostgreSQL store URL ({@link StateStores#open}'s
     *     forms), else empty
     * @throws IllegalArgumentException if it is a PostgreSQL URL with bad options
     */
    public static Optional<PostgresTarget> of(String storeUrl) {
        if (storeUrl == null || storeUrl.isBlank()) {
            return Optional.empty();
        }
        StoreUrl parsed;
        try {
            parsed = StoreUrl.parse(storeUrl);
        } catch (IllegalArgumentException e) {
            if (storeUrl.startsWith("postgres") || storeUrl.startsWith("jdbc:postgresql:")) {
                throw e;
            }
            return Optional.empty();
        }
        return parsed instanceof StoreUrl.Postgres(PostgresOptions o)
                ? Optional.of(new PostgresTarget(o.jdbcUrl(), o.user(), o.password()))
                : Optional.empty();
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PostgresTarget[" + jdbcUrl + ", user " + user + "]";
    }
}
