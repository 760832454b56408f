package io.islands.storage;

import io.islands.storage.cluster.Claim;
import io.islands.storage.cluster.ClusterOptions;
import io.islands.storage.cluster.ClusterStore;
import io.islands.storage.cluster.NodeLease;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract on a cluster node's fenced PostgreSQL store, whose node owns every key it
 * touches (it claims each on first use): fencing adds refusals, it changes nothing else.
 */
class FencedContractTest extends PostgresContractTest {
    private ClusterStore cluster;
    private NodeLease me;

    @Override
    CloseableStateStore<TestState> open(String url) {
        if (cluster == null) {
            cluster = ClusterStore.open(url, ClusterOptions.defaults()
                    .withLease(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1)));
            me = cluster.join("contract", "here", e -> {});
        }
        PostgresOptions options = ((StoreUrl.Postgres) StoreUrl.parse(url)).options();
        return new EncodedStateStore<>(new PostgresStore(options, DEPTH, this::fence), TestCodec.INSTANCE, DEPTH);
    }

    private long fence(String key) {
        return me.fenceOf(key).orElseGet(() -> ((Claim.Claimed) cluster.claim(me, key)).fence());
    }

    @AfterEach
    void leave() {
        cluster.close();
    }
}
