package io.islands.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.From;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Result;
import io.islands.runtime.StartResult;
import io.islands.runtime.checkpoint.CheckpointServer;
import io.islands.runtime.checkpoint.Checkpointed;
import io.islands.runtime.checkpoint.RecoveryLedger;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.Restart;
import io.islands.runtime.supervisor.Supervisor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * An activation storm on PostgreSQL, as the game supervisor runs one: servers that load after
 * their start ({@link CheckpointServer#loadingAfterStart()}) are started one after the other by
 * a {@link DynamicSupervisor}, and their loads' reads reach the store together, so they share
 * batched read statements instead of one round trip each.
 */
class ActivationReadsTest {
    private static final int GAMES = 200;
    private static final int DEPTH = 3;

    /** Answers "get" with its state; never changes it. */
    static final class Holder implements Checkpointed<TestState> {
        @Override
        public TestState fresh(String key) {
            return TestState.of(key, 0);
        }

        @Override
        public Result<TestState> handleCall(Object request, From from, TestState state) {
            return Result.reply(state, state);
        }
    }

    @Test
    void serversStartedOneByOneLoadAfterTheirStarts_andTheirReadsShareBatchedStatements() throws Exception {
        String url = PostgresServer.freshUrl();
        String schema = url.replaceAll(".*currentSchema=([a-z0-9]+).*", "$1");
        PostgresStore raw = new PostgresStore(((StoreUrl.Postgres) StoreUrl.parse(url)).options(), DEPTH);
        RecoveryLedger ledger = new RecoveryLedger(2);
        try (var store = new EncodedStateStore<>(raw, TestCodec.INSTANCE, DEPTH);
                var pool = Executors.newVirtualThreadPerTaskExecutor();
                Connection lock = PostgresServer.get().getPostgresDatabase().getConnection()) {
            for (int i = 0; i < GAMES; i++) {
                store.save("g" + i, new Saved<>(1, TestState.of("g" + i, i)));
            }
            Pid sup = DynamicSupervisor.start(DynamicSupervisor.Options.defaults()).pid();
            try {
                lock.setAutoCommit(false);
                try (Statement s = lock.createStatement()) {
                    s.execute("SET search_path TO " + schema);
                    s.execute("LOCK TABLE islands_states IN ACCESS EXCLUSIVE MODE");
                }
                for (int k = 0; k < 2; k++) { // one read in each reader lane, both waiting for the lock
                    String key = "g" + k;
                    pool.submit(() -> raw.versions(key, DEPTH));
                    int blocked = k + 1;
                    await().atMost(Duration.ofSeconds(10)).until(() -> readsWaitingForALock() == blocked);
                }
                long before = raw.readStatements();

                List<Pid> games = new ArrayList<>();
                for (int i = 0; i < GAMES; i++) {
                    CheckpointServer<TestState> server =
                            new CheckpointServer<>("g" + i, new Holder(), store, ledger, null).loadingAfterStart();
                    StartResult started = DynamicSupervisor.startChild(sup, ChildSpec.worker("g" + i,
                            () -> GenServer.startLink(server)).withRestart(Restart.TRANSIENT));
                    assertThat(started).as("started while the store cannot be read").isInstanceOf(StartResult.Ok.class);
                    games.add(started.pid());
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> raw.pendingReads() == GAMES);
                lock.rollback();

                for (int i = 0; i < GAMES; i++) {
                    assertThat(GenServer.call(games.get(i), "get", Duration.ofSeconds(30)))
                            .as("g%d, loaded from its own saved version", i).isEqualTo(TestState.of("g" + i, i));
                }
                // the two statements that waited for the lock, then the 200 loads in one or two
                long statements = raw.readStatements() - before;
                System.out.println("ActivationReadsTest: " + GAMES + " loads in " + statements + " read statements");
                assertThat(statements).isLessThanOrEqualTo(4);
            } finally {
                Supervisor.stop(sup);
            }
        }
    }

    private static int readsWaitingForALock() throws SQLException {
        try (Connection c = PostgresServer.get().getPostgresDatabase().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT i.ord%'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
