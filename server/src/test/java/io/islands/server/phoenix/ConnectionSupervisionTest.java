package io.islands.server.phoenix;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.supervisor.ChildInfo;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.Restart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Socket and channel processes are supervised, as in Phoenix: each socket a temporary child of the
 * endpoint's {@code sockets} supervisor, each channel of {@code channels}, linked to its socket so
 * that a killed socket ends its channels and a killed channel only its own topic.
 */
class ConnectionSupervisionTest {
    @RegisterExtension
    static final TestServer ts = new TestServer();

    private static List<ChildInfo> children(Name sup) {
        return DynamicSupervisor.whichChildren(sup.whereis().orElseThrow());
    }

    private static List<Pid> pids(List<ChildInfo> children) {
        return children.stream().map(c -> c.pid().orElseThrow()).toList();
    }

    @Test
    void socketsAndChannelsAreTemporaryChildrenOfTheirSupervisors_andAKilledSocketEndsItsChannels() throws Exception {
        Name sockets = ts.server.connectionSupervisors().get(0);
        Name channels = ts.server.connectionSupervisors().get(1);
        try (WsClient c = ts.connect()) {
            c.join("echo:sup-a", Map.of());
            c.next();
            c.join("echo:sup-b", Map.of());
            c.next();
            Pid socket = ts.server.socketProcesses().getFirst();
            assertThat(pids(children(sockets))).containsExactly(socket);
            assertThat(children(sockets)).allSatisfy(i -> assertThat(i.restart()).isEqualTo(Restart.TEMPORARY));
            List<Pid> joined = pids(children(channels));
            assertThat(joined).hasSize(2).allSatisfy(ch -> assertThat(Proc.links(ch)).contains(socket));
            assertThat(children(channels)).allSatisfy(i -> assertThat(i.restart()).isEqualTo(Restart.TEMPORARY));

            Proc.exit(socket, ExitReason.kill());

            assertThat(c.awaitClose().code()).isEqualTo(1011);
            await().atMost(Duration.ofSeconds(5)).until(() -> joined.stream().noneMatch(Pid::isAlive));
            assertThat(terminates(2)).containsExactlyInAnyOrder("terminate echo:sup-a killed", "terminate echo:sup-b killed");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> children(sockets).isEmpty() && children(channels).isEmpty());
        }
    }

    @Test
    void aKilledChannel_isPhxErrorForItsTopicOnly_andItsSocketLivesOn() throws Exception {
        Name channels = ts.server.connectionSupervisors().get(1);
        try (WsClient c = ts.connect()) {
            String ref = c.join("echo:sup-c", Map.of());
            c.next();
            Pid channel = pids(children(channels)).getFirst();
            Proc.exit(channel, ExitReason.kill());
            assertThat(c.next()).isEqualTo(json("['" + ref + "','" + ref + "','echo:sup-c','phx_error',{}]"));
            assertThat(c.heartbeat().get(3).asText()).isEqualTo("phx_reply");
            await().atMost(Duration.ofSeconds(5)).until(() -> children(channels).isEmpty());
        }
    }

    /** @return the next {@code n} terminate events of this test's topics (echo:sup-*), skipping joins; fails after 5 s */
    private static List<String> terminates(int n) throws InterruptedException {
        List<String> seen = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (seen.size() < n) {
            String e = ts.events.poll(deadline - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("only " + seen + " within 5 s");
            }
            if (e.startsWith("terminate echo:sup-")) {
                seen.add(e);
            }
        }
        return seen;
    }
}
