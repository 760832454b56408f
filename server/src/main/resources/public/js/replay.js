/*
 * Replays of finished games (docs/protocol.md §12, GET /replays/<game>): checks the document
 * and computes both boards after any number of steps, and each step's text. Pure.
 */

const MOVES = new Set(['add_player', 'position_island', 'set_islands', 'guess']);
/** The most steps the server writes in a replay. */
export const MAX_STEPS = 2000;

/**
 * Checks the JSON of a replay.
 * @returns {{game: string, players: {player1: string, player2: string}, winner: string|null, steps: object[]}}
 * @throws {Error} when the document does not have that shape
 */
export function parseReplay(def, json) {
  const bad = (why) => new Error(`replay: ${why}`);
  if (!json || typeof json !== 'object' || !Array.isArray(json.steps)) throw bad('not a replay');
  if (json.steps.length > MAX_STEPS) throw bad('too many steps');
  const inBoard = (n) => Number.isInteger(n) && n >= 1 && n <= def.size;
  for (const s of json.steps) {
    if (!s || !MOVES.has(s.move) || (s.player !== 'player1' && s.player !== 'player2')) throw bad('step');
    if (s.move === 'position_island' && (!def.shapes[s.island] || !inBoard(s.row) || !inBoard(s.col))) throw bad('island');
    if (s.move === 'guess' && !s.again && (!inBoard(s.row) || !inBoard(s.col))) throw bad('guess');
  }
  const players = json.players || {};
  return {
    game: String(json.game || ''),
    players: { player1: String(players.player1 || 'player 1'), player2: String(players.player2 || 'player 2') },
    winner: json.winner === 'player1' || json.winner === 'player2' ? json.winner : null,
    steps: json.steps,
  };
}

const other = (p) => (p === 'player1' ? 'player2' : 'player1');

/**
 * Both boards after the first `n` steps: each player's land (cell "r,c" -> island type) and the
 * opponent's shots at it (cell -> "hit" | "miss").
 */
export function boardsAt(def, replay, n) {
  const boards = { player1: { islands: {}, shots: {} }, player2: { islands: {}, shots: {} } };
  for (const s of replay.steps.slice(0, Math.max(0, Math.min(n, replay.steps.length)))) {
    if (s.move === 'position_island') {
      boards[s.player].islands[s.island] = def.shapes[s.island].map(([dr, dc]) => `${s.row + dr},${s.col + dc}`);
    } else if (s.move === 'guess' && !s.again) {
      boards[other(s.player)].shots[`${s.row},${s.col}`] = s.hit ? 'hit' : 'miss';
    }
  }
  const land = (b) => {
    const out = {};
    for (const [type, cells] of Object.entries(b.islands)) for (const c of cells) out[c] = type;
    return out;
  };
  return {
    player1: { land: land(boards.player1), shots: boards.player1.shots },
    player2: { land: land(boards.player2), shots: boards.player2.shots },
  };
}

const NAMES = { atoll: 'Atoll', dot: 'Dot', l_shape: 'L-shape', s_shape: 'S-shape', square: 'Square' };

/** The text of step `i` (0-based), e.g. "diva fired at row 3, column 4: hit." */
export function stepText(replay, i) {
  const s = replay.steps[i];
  if (!s) return 'Start of the game.';
  const who = replay.players[s.player];
  const island = (t) => NAMES[t] || t;
  switch (s.move) {
    case 'add_player': return `${who} joined.`;
    case 'position_island': return `${who} placed the ${island(s.island)} at row ${s.row}, column ${s.col}.`;
    case 'set_islands': return `${who} set their islands.`;
    default:
      if (s.again) return `${who} fired at waters fired at before.`;
      return `${who} fired at row ${s.row}, column ${s.col}: ${s.hit ? 'hit' : 'miss'}`
        + `${s.forested ? `, and forested the ${island(s.forested)}` : ''}.${s.win ? ` ${who} won!` : ''}`;
  }
}
