package io.islands.storage;

import io.islands.runtime.checkpoint.Saved;
import io.islands.storage.cluster.Claim;
import io.islands.storage.cluster.ClusterOptions;
import io.islands.storage.cluster.ClusterStore;
import io.islands.storage.cluster.NodeLease;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The child JVM of {@link ClusterStoreTest}'s SIGKILL test: joins the cluster with a 30 s lease,
 * claims game {@code g}, and saves it revision after revision, printing {@code ack REVISION}
 * after each save returns, until the parent kills it (or for 2 minutes at most).
 *
 * <p>Arguments: store URL, node name.
 */
public final class ClusterNodeChild {
    private ClusterNodeChild() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        ClusterStore cluster = ClusterStore.open(args[0], ClusterOptions.defaults()
                .withLease(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(1)));
        NodeLease me = cluster.join(args[1], "child", e -> {});
        if (!(cluster.claim(me, "g") instanceof Claim.Claimed)) {
            throw new IllegalStateException("g is owned elsewhere");
        }
        CloseableStateStore<TestState> store = cluster.gameStore(TestCodec.INSTANCE, 3);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (long r = 1; System.nanoTime() < deadline; r++) {
            store.save("g", new Saved<>(r, TestState.of("child", (int) r)));
            out.print("ack " + r + "\n");
            out.flush();
        }
    }
}
