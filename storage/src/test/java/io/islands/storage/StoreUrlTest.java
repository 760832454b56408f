package io.islands.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreUrlTest {

    @Test
    void memory() {
        assertThat(StoreUrl.parse("memory:")).isInstanceOf(StoreUrl.Memory.class);
        try (var store = StateStores.open("memory:", TestCodec.INSTANCE, 2)) {
            assertThat(store.describe()).isEqualTo("memory:");
        }
    }

    @Test
    void sqliteWithOptions() {
        var s = (StoreUrl.Sqlite) StoreUrl.parse("sqlite:/var/x.db?durability=relaxed&busy_timeout_ms=250&sync_interval_ms=20");
        assertThat(s.options().file()).hasToString("/var/x.db");
        assertThat(s.options().durability()).isEqualTo(Durability.RELAXED);
        assertThat(s.options().busyTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.options().syncInterval()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void postgresUrlBecomesAJdbcUrlWithItsCredentialsApart() {
        var p = (StoreUrl.Postgres) StoreUrl.parse(
                "postgresql://islands:p%40ss+w:rd@db.example:5433/games?durability=relaxed&pool_size=3&sslmode=disable");
        assertThat(p.options().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/games?sslmode=disable");
        assertThat(p.options().user()).isEqualTo("islands");
        assertThat(p.options().password()).isEqualTo("p@ss+w:rd");
        assertThat(p.options().display()).isEqualTo("postgresql://islands@db.example:5433/games");
        assertThat(p.options().durability()).isEqualTo(Durability.RELAXED);
        assertThat(p.options().poolSize()).isEqualTo(3);
        assertThat(((StoreUrl.Postgres) StoreUrl.parse("postgres://h/db")).options().jdbcUrl())
                .isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void jdbcPostgresUrlKeepsDriverParametersAndHidesThePassword() {
        var p = (StoreUrl.Postgres) StoreUrl.parse(
                "jdbc:postgresql://h:5432/db?user=u&password=secret&connect_timeout_ms=1500");
        assertThat(p.options().jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=secret");
        assertThat(p.options().connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(p.options().display()).doesNotContain("secret");
        assertThat(StoreUrl.redact("jdbc:postgresql://h/db?user=u&password=secret")).doesNotContain("secret");
    }

    @Test
    void unknownFormsAreRefusedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> StateStores.open("mysql://h/db", TestCodec.INSTANCE, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql://h/db")
                .hasMessageContaining("memory:").hasMessageContaining("sqlite:PATH")
                .hasMessageContaining("postgresql://").hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> StoreUrl.parse("sqlite:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreUrl.parse("sqlite:x.db?durability=sometimes"))
                .hasMessageContaining("durable or relaxed");
        assertThatThrownBy(() -> StoreUrl.parse("sqlite:x.db?busy_timeout=5")).hasMessageContaining("busy_timeout_ms");
        assertThatThrownBy(() -> StateStores.open("memory:", TestCodec.INSTANCE, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
