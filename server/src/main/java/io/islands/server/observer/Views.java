package io.islands.server.observer;

import io.islands.engine.process.GameInfo;
import io.islands.engine.game.GameState;
import io.islands.runtime.Pid;
import io.islands.server.logging.LogText;
import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.observe.ChildNode;
import io.islands.runtime.observe.ProcessInfo;
import io.islands.runtime.observe.SupervisorInfo;
import io.islands.runtime.supervisor.ChildInfo;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.RestartRecord;
import io.islands.runtime.supervisor.SupervisorStatus;
import io.islands.runtime.table.TableInfo;
import java.util.List;

/**
 * The JSON shapes of the observer API (docs/operations.md, "Observer"), as records that Jackson
 * writes field by field. Absent values are null; enums are lower case; pids are {@code <0.N.0>}.
 */
final class Views {
    private Views() {}

    record ProcessView(String pid, long id, String name, String status, int mailbox, String current,
            String parent, List<String> links, boolean trapsExits) {}

    record ChildView(String id, String pid, String type, String restart, boolean restarting, SupervisorView supervisor) {}

    record RestartView(String at, String child, String reason) {}

    /** {@code available} is false when the supervisor did not answer in time; its details are then null. */
    record SupervisorView(String pid, String name, boolean available, Boolean dynamic, String strategy,
            Integer intensity, Long periodMillis, Long restarts, List<RestartView> recentRestarts,
            Integer childCount, List<ChildView> children) {}

    record TableView(String name, String type, String access, String owner, String heir, long size, long memory) {}

    /** @param node the cluster node that runs the game, null on a single node (docs/cluster.md) */
    record GameView(String name, String pid, long revision, String player1, String player2, String rules, String lastMove,
            String node) {}

    record QuarantinedView(String name, String reason, String at) {}

    /**
     * One point of the load charts.
     *
     * @param at when it was sampled (milliseconds since the epoch)
     * @param movesPerSecond game states saved per second since the previous sample
     * @param restarts children restarted by their supervisors since the previous sample
     * @param crashes processes crashed since the previous sample
     */
    record LoadSample(long at, int processes, long memoryBytes, double movesPerSecond, long restarts, long crashes) {}

    static String pid(Pid pid) {
        return pid == null || pid.equals(Pid.EXTERNAL) ? null : pid.toString();
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase();
    }

    static ProcessView process(ProcessInfo p) {
        return new ProcessView(pid(p.pid()), p.pid().id(), p.name().orElse(null), lower(p.status()), p.mailboxSize(),
                p.currentMessage().map(m -> LogText.safe(m)).orElse(null), pid(p.parent()), p.links().stream().map(Views::pid).toList(),
                p.trapsExits());
    }

    static SupervisorView supervisor(SupervisorInfo s) {
        List<ChildView> children = s.children().stream().map(Views::child).toList();
        if (s.status().isEmpty()) {
            return new SupervisorView(pid(s.pid()), null, false, null, null, null, null, null, null, null, children);
        }
        SupervisorStatus st = s.status().get();
        Integer intensity = st.intensity() == DynamicSupervisor.UNLIMITED ? null : st.intensity();
        return new SupervisorView(pid(s.pid()), st.name(), true, st.dynamic(), lower(st.strategy()), intensity,
                st.period().toMillis(), st.restarts(), st.recentRestarts().stream().map(Views::restart).toList(),
                st.childCount(), children);
    }

    private static ChildView child(ChildNode n) {
        ChildInfo c = n.child();
        return new ChildView(String.valueOf(c.id()), c.pid().map(Views::pid).orElse(null), lower(c.type()),
                lower(c.restart()), c.restarting(), n.supervisor().map(Views::supervisor).orElse(null));
    }

    private static RestartView restart(RestartRecord r) {
        return new RestartView(r.at().toString(), String.valueOf(r.childId()), String.valueOf(r.reason()));
    }

    static TableView table(TableInfo t) {
        return new TableView(t.name().orElse(null), lower(t.type()), lower(t.access()), pid(t.owner()),
                t.heir().map(Views::pid).orElse(null), t.size(), t.memory());
    }

    static GameView game(GameInfo g, String node) {
        return new GameView(g.name(), g.pid().map(Views::pid).orElse(null), g.revision(), g.name(),
                g.player2().orElse(null), lower(g.rules()), g.lastMove().orElse(null), node);
    }

    static QuarantinedView quarantined(Quarantined<GameState> q) {
        return new QuarantinedView(q.key(), q.reason(), q.at().toString());
    }
}
