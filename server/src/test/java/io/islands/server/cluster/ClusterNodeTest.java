package io.islands.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitReason;
import io.islands.runtime.Name;
import io.islands.runtime.Proc;
import io.islands.runtime.Pid;
import io.islands.runtime.StartResult;
import io.islands.runtime.supervisor.Supervisor;
import io.islands.runtime.supervisor.SupervisorFlags;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Two nodes in one JVM over the real stack (TCP on loopback, JDBC_PING2 in a real PostgreSQL). */
class ClusterNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A node that echoes requests upper-cased and records broadcasts and departures. */
    private static final class Recorder implements ClusterNode.InboundHandler {
        final List<String> broadcasts = new CopyOnWriteArrayList<>();
        final List<String> left = new CopyOnWriteArrayList<>();

        @Override
        public byte[] request(String from, byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.equals("fail")) {
                throw new IllegalStateException("asked to fail");
            }
            return (from + ":" + text.toUpperCase()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void broadcast(String from, byte[] body) {
            broadcasts.add(from + ":" + new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public void membersChanged(List<String> members, List<String> gone) {
            left.addAll(gone);
        }
    }

    private static Pid start(ClusterNode node) {
        StartResult r = Supervisor.start(SupervisorFlags.oneForOne(), List.of(node.childSpec("cluster")));
        assertThat(r).isInstanceOf(StartResult.Ok.class);
        return ((StartResult.Ok) r).pid();
    }

    private static final java.util.Map<ClusterNode, Name> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private static ClusterNode node(String name, String jdbc) {
        Name processName = Name.local("cluster-test." + name + "." + System.nanoTime());
        ClusterNode node = new ClusterNode(new ClusterNode.StackSettings("test", name, "127.0.0.1", 0, jdbc, null, null), processName);
        NAMES.put(node, processName);
        return node;
    }

    private static Name nameOf(ClusterNode node) {
        return NAMES.get(node);
    }

    @Test
    void requestsRepliesBroadcastsAndADepartureAcrossTwoNodes() {
        String jdbc = ClusterPostgres.freshJdbcUrl();
        ClusterNode a = node("a", jdbc);
        ClusterNode b = node("b", jdbc);
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        a.inbound(ra);
        b.inbound(rb);
        Pid supA = start(a);
        Pid supB = start(b);
        try {
            await().atMost(WAIT).until(() -> a.members().size() == 2 && b.members().size() == 2);
            assertThat(a.members()).containsExactlyInAnyOrder("a", "b");

            byte[] reply = a.request("b", "hello".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));
            assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("a:HELLO");
            assertThatThrownBy(() -> a.request("b", "fail".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(NodeUnavailableException.class,
                            e -> assertThat(e.why()).isEqualTo(NodeUnavailableException.Why.REMOTE));
            assertThatThrownBy(() -> a.request("nobody", new byte[0], Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(NodeUnavailableException.class,
                            e -> assertThat(e.why()).isEqualTo(NodeUnavailableException.Why.UNREACHABLE));

            b.broadcast("news".getBytes(StandardCharsets.UTF_8));
            await().atMost(WAIT).until(() -> ra.broadcasts.contains("b:news"));
            assertThat(rb.broadcasts).isEmpty(); // not to itself

            // the owner of b's channel is killed: its supervisor starts the next, which closes the
            // orphaned channel and joins again
            Pid owner = nameOf(b).whereis().orElseThrow();
            Proc.exit(owner, ExitReason.kill());
            await().atMost(WAIT).until(() -> nameOf(b).whereis().filter(p -> !p.equals(owner)).isPresent()
                    && b.connected() && a.members().size() == 2 && b.members().size() == 2);
            assertThat(new String(a.request("b", "again".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5)),
                    StandardCharsets.UTF_8)).isEqualTo("a:AGAIN");

            Supervisor.stop(supB);
            await().atMost(WAIT).until(() -> ra.left.contains("b") && a.members().equals(List.of("a")));
            assertThatThrownBy(() -> a.request("b", new byte[0], Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(NodeUnavailableException.class,
                            e -> assertThat(e.why()).isEqualTo(NodeUnavailableException.Why.UNREACHABLE));
        } finally {
            if (supB.isAlive()) {
                Supervisor.stop(supB);
            }
            Supervisor.stop(supA);
        }
    }
}
