package io.islands.bench.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ClusterChaos} run saw, so far (progress) or in the end (after the check).
 *
 * @param elapsed time since the nodes were up
 * @param faults faults injected, by kind
 * @param acknowledged guesses acknowledged to their player (its own broadcast came back)
 * @param unknown guesses whose first try went unanswered (socket closed, node silent, no answer,
 *     refused by an unavailable game); each was sent again with its move id after a rejoin
 * @param foundApplied guesses known applied without their own broadcast: a retry answered
 *     "replayed", or a view read after a refusal
 * @param reconnects rejoins on another node (with the seat token)
 * @param hungSockets sockets left because their node answered nothing, not even a heartbeat, for 1 s
 * @param gamesStarted games whose new_game was acknowledged
 * @param gamesFinished games played to a win
 * @param gamesAbandoned games given up (a step unanswered for a minute, or refused by the rules)
 * @param movesChecked acknowledged or found-applied guesses compared with the final stored state
 * @param lost of those, missing from the final state
 * @param extra guesses in a final state that its player never sent (a move applied twice, or out of nowhere)
 * @param versionsChecked stored versions whose fences were checked (sampled during the run and at the end)
 * @param staleFences versions committed with a fence lower than an earlier revision's, or with none
 * @param problems one line per failure, for the summary
 * @param notes what else happened (a node that exited on its own), not failures
 * @param failoverGames games the SIGKILLed nodes owned at their kills
 * @param failoverMillis of those, each one acknowledged again before the next fault (or the end):
 *     milliseconds from the SIGKILL to its first answered move (players reconnecting included)
 */
public record ClusterReport(Duration elapsed, Map<Fault, Long> faults, long acknowledged, long unknown,
        long foundApplied, long reconnects, long hungSockets, long gamesStarted, long gamesFinished, long gamesAbandoned,
        long movesChecked, long lost, long extra, long versionsChecked, long staleFences, List<String> problems,
        List<String> notes, long failoverGames, List<Double> failoverMillis) {
    public ClusterReport {
        faults = Map.copyOf(faults);
        failoverMillis = List.copyOf(failoverMillis);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** @return whether no acknowledged move was lost, none was applied twice and no stale fence committed */
    public boolean clean() {
        return lost == 0 && extra == 0 && staleFences == 0 && problems.isEmpty();
    }

    /** @return the {@code q} quantile (0..1, nearest rank) of {@link #failoverMillis}; NaN if none */
    public double failoverQuantile(double q) {
        if (failoverMillis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = failoverMillis.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - (q > 0 ? 1 : 0)));
    }

    public long faults(Fault kind) {
        return faults.getOrDefault(kind, 0L);
    }
}
