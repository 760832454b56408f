// Shared test data: the definition as GET /game.json serves it (GameDefinitionTest checks the
// server's side of the same document) and views in the shape of docs/protocol.md §3.
import { parseDefinition } from '../../../main/resources/public/js/definition.js';

export const GAME_JSON = {
  size: 10,
  islands: {
    atoll: [[0, 0], [0, 1], [1, 1], [2, 0], [2, 1]],
    dot: [[0, 0]],
    l_shape: [[0, 0], [1, 0], [2, 0], [2, 1]],
    s_shape: [[0, 1], [0, 2], [1, 0], [1, 1]],
    square: [[0, 0], [0, 1], [1, 0], [1, 1]],
  },
  states: {
    initialized: { turn: null }, players_set: { turn: null },
    player1_turn: { turn: 'player1' }, player2_turn: { turn: 'player2' }, game_over: { turn: null },
  },
};

export const DEF = parseDefinition(GAME_JSON);

/** A server view of game "moon" for `role`, with `over` fields replaced. */
export function view(over = {}) {
  return {
    game: 'moon', role: 'player1', started: true, state: 'players_set',
    players: { player1: 'moon', player2: 'diva' },
    islands_set: { player1: false, player2: false },
    board: {}, guesses: { hits: [], misses: [] }, opponent_guesses: { hits: [], misses: [] },
    forested: [], winner: null,
    ...over,
  };
}

/** Freezes `o` and everything in it, so that a reducer that changes its input throws. */
export function deepFreeze(o) {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
