package io.islands.engine.process;

import io.islands.engine.game.RulesState;
import io.islands.runtime.Pid;
import java.util.Optional;

/**
 * One game as {@link Games#info} reads it from its saved versions, for tools. Immutable.
 *
 * @param name the game's name (player 1's)
 * @param pid its running process, if any
 * @param revision the revision of its newest saved version
 * @param player2 player 2's name, once joined
 * @param rules the phase of the game
 * @param lastMove the move that made the newest version (see {@link io.islands.engine.game.LastMove});
 *     empty for a new game or when only one version is kept
 */
public record GameInfo(String name, Optional<Pid> pid, long revision, Optional<String> player2, RulesState rules,
        Optional<String> lastMove) {}
