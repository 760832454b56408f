package io.islands.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Proc;
import io.islands.runtime.checkpoint.StateStore;
import io.islands.server.game.GameStateCodec;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.StateStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness over a real SQLite store: ready while it is open, not ready once it is closed. */
class ReadinessTest {
    @TempDir
    Path dir;

    @Test
    void aClosedStoreMakesTheStoreCheckFail_withNoExceptionText() {
        CloseableStateStore<?> store = StateStores.open("sqlite:" + dir.resolve("r.db"), GameStateCodec.INSTANCE, 1);
        var alive = Proc.spawn(() -> Proc.receive());
        try {
            Readiness readiness = Readiness.of(List.<StateStore<?>>of(store), () -> alive, Duration.ofSeconds(2));
            assertThat(readiness.check().ready()).isTrue();

            store.close();
            Readiness.Report report = readiness.check();
            assertThat(report.ready()).isFalse();
            assertThat(report.checks()).extracting(Readiness.Check::name, Readiness.Check::up)
                    .containsExactly(tuple("store", false),
                            tuple("game_supervisor", true));
            assertThat(report.checks().get(0).error()).isEqualTo("error");
            assertThat(report.json()).containsEntry("status", "not_ready");
        } finally {
            store.close();
            Proc.exit(alive, ExitReason.kill());
        }
    }
}
