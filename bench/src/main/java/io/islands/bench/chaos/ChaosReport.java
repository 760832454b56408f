package io.islands.bench.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ChaosRun} saw, so far or in the end.
 *
 * @param elapsed time since the run started
 * @param faults faults injected, by kind (a game kill counts only if the game was running)
 * @param acknowledged moves (and game starts) the node answered
 * @param lost acknowledged changes missing from a game after a recovery
 * @param unanswered commands whose answer never came (node killed) or that failed (game
 *     unavailable): their outcome was unknown and was settled by reading the game back
 * @param appliedUnanswered of those, the ones found applied
 * @param wrongAnswers answers that differ from the rules applied to the acknowledged state
 * @param gamesPlayed games started (finished ones are replaced by new ones)
 * @param problems one line per lost or wrong game, for the summary
 * @param recoveries node restarts after which the games in play were read back and checked
 * @param fullRecoveries of those, the ones after which finished games were read back too
 */
public record ChaosReport(Duration elapsed, Map<Fault, Long> faults, long acknowledged, long lost, long unanswered,
        long appliedUnanswered, long wrongAnswers, long gamesPlayed, List<String> problems, int recoveries,
        int fullRecoveries) {
    public ChaosReport {
        faults = Map.copyOf(faults);
        problems = List.copyOf(problems);
    }

    /** @return whether nothing acknowledged was lost and every answer was right */
    public boolean clean() {
        return lost == 0 && wrongAnswers == 0 && problems.isEmpty();
    }

    public long faults(Fault kind) {
        return faults.getOrDefault(kind, 0L);
    }
}
