// Every text the page shows for a state, a shot or a server reason. Pure: each function takes
// what it needs and returns a string.
import { other, phase } from './state.js';

const LABELS = { atoll: 'Atoll', dot: 'Dot', l_shape: 'L-shape', s_shape: 'S-shape', square: 'Square' };

/** @returns {string} the display name of an island type */
export const islandName = (type) => LABELS[type] || (type ? type.charAt(0).toUpperCase() + type.slice(1).replace(/_/g, ' ') : 'island');

export const where = (r, c) => `row ${r}, column ${c}`;

/** @returns {string} the screen name of `p`, or a stand-in */
export function playerName(s, p) {
  const v = s.view;
  if (!v) return p;
  return v.players[p] || (p === 'player2' ? 'your opponent' : p);
}

/** @returns {string} my opponent's screen name, or a stand-in */
export function opponentName(s) {
  const v = s.view;
  if (!v) return 'your opponent';
  const me = v.role || (s.name === s.game ? 'player1' : 'player2');
  return v.players[other(me)] || 'your opponent';
}

/**
 * The text for an error reply to a push (docs/protocol.md §4.3).
 * @param event the pushed event
 * @param reason the reply's `reason`
 * @param s the page's state (for the opponent's name and the server's rules state)
 */
export function reasonText(event, reason, s) {
  const v = s.view;
  switch (reason) {
    case 'invalid_coordinate':
      return event === 'guess_coordinate'
        ? 'That cell is off the board: rows and columns go from 1 to 10.'
        : `The ${islandName(s.selected)} would run off the board there: every cell must be within rows and columns 1 to 10.`;
    case 'invalid_island_type': return 'The server does not know that island type.';
    case 'overlapping_island': return 'Islands cannot overlap: that spot covers another of your islands.';
    case 'not_all_islands_positioned': return 'Place all five islands before setting them.';
    case 'not_started': return 'The game has not started yet: wait for its creator to open it.';
    case 'no_opponent_yet': return 'Wait for an opponent to join before placing islands.';
    case 'islands_already_set': return 'Your islands are already set: they cannot move any more.';
    case 'player2_already_added': return 'Could not take the second seat: this game already has two players.';
    case 'Not your turn.':
      if (v && v.state === 'game_over') return 'The game is over: no more guesses.';
      if (v && (v.state === 'players_set' || v.state === 'initialized' || !v.started)) return 'The battle has not started yet: both captains must set their islands first.';
      return `Not your turn: wait for ${opponentName(s)}.`;
    case 'unauthorized': return 'Not allowed: this seat cannot do that in this game.';
    case 'already_started': return 'That game has already started.';
    case 'rate_limited': return 'You are creating games too quickly: wait a minute, then try again.';
    case 'unknown_event': return 'The server did not understand that request.';
    case 'invalid_params': return 'The server needs your name to join.';
    case 'invalid_name': return 'Names are letters, digits, _ or - only.';
    case 'store': return 'The server could not save that move: it was not made. Try again in a moment.';
    case 'timeout': return 'The game did not answer in time: try again in a moment.';
    case 'crashed': return 'The game hit a fault and is restarting from its last saved move: try again.';
    case 'quarantined': return 'This game is held for the server’s operator and cannot be played right now.';
    case 'error': return 'The game refused that move.';
    default:
      return reason ? `The server refused: ${reason}` : 'The server refused that request.';
  }
}

/** The text for a refused join (docs/protocol.md §2.1). */
export function joinErrorText(resp, game, name) {
  const reason = (resp && resp.reason) || 'error';
  switch (reason) {
    case 'unauthorized':
      return `Cannot join game “${game}” as “${name}”: the game already has two players, or “${name}” is already seated there (from another browser).`;
    case 'invalid_params': return 'The server needs your name to join.';
    case 'invitation_required': return `The game “${game}” is by invitation only: open the link its creator shared with you.`;
    case 'invalid_name': {
      const which = resp.field === 'game' ? `The game name “${game}”` : `The name “${name}”`;
      return `${which} is not allowed: names are ${resp.rule || 'letters, digits, _ or -'}.`;
    }
    case 'too_many_channels': return 'This browser has too many games open on the server: leave one, then try again.';
    default: return `Could not join game “${game}”: ${reason}.`;
  }
}

/** The status line (#status) for the page's phase. */
export function statusText(def, s) {
  const v = s.view;
  const opp = opponentName(s);
  switch (phase(def, s)) {
    case 'joining': return `Joining game ${s.game}…`;
    case 'waiting':
      if (!v.started) return s.name === s.game ? 'Creating your game…' : `Waiting for ${s.game} to open the game…`;
      if (!v.role) return 'Taking the second seat…';
      return `Waiting for an opponent: tell them to join game “${s.game}”.`;
    case 'placing': {
      const n = Object.keys(v.board).length;
      const total = def.types.length;
      const tail = v.islands_set[other(v.role)] ? ` ${opp} is ready and waiting.` : '';
      return n < total ? `Place your islands (${n} of ${total}), then press Set islands.${tail}` : `All five islands placed: press Set islands when you are happy.${tail}`;
    }
    case 'ready': return `Islands set. Waiting for ${opp} to set theirs…`;
    case 'playing': // the server's latest state: a shot's broadcast is followed by the view that says whose turn
      return def.turns[v.state] === v.role ? 'Your turn: fire at enemy waters.' : `${opp}'s turn: brace yourself…`;
    case 'over':
      if (v.winner === v.role) return `You won! Every one of ${opp}'s islands is forested.`;
      if (v.winner) return `${playerName(s, v.winner)} won. All your islands are forested.`;
      return 'Game over.';
    default: return '';
  }
}

/**
 * The texts for a shot broadcast (player_guessed_coordinate), read against the view before it.
 * @returns {{shot: string, kind: 'hit'|'miss', win: string|null}} the #last-shot and log text,
 *   and the log's victory line when the shot won
 */
export function shotTexts(s, payload) {
  const v = s.view;
  const { player, row, col } = payload;
  const result = payload.result || {};
  const hit = result.hit === true;
  const island = typeof result.island === 'string' && result.island !== 'none' ? result.island : null;
  const win = result.win === 'win';
  const at = where(row, col);
  let shot;
  if (player === v.role) {
    shot = !hit ? `You fired at ${at}: splash, a miss.`
      : win ? `You fired at ${at}: hit! You forested their ${island ? islandName(island) : 'last island'}. All their islands are forested!`
        : island ? `You fired at ${at}: hit! You forested their ${islandName(island)}.`
          : `You fired at ${at}: hit!`;
  } else {
    const opp = playerName(s, player);
    const mine = Object.entries(v.board).find(([, isl]) => isl.coordinates.some((c) => c.row === row && c.col === col));
    shot = !hit ? `${opp} fired at ${at}: a miss.`
      : island ? `${opp} fired at ${at}: hit! Your ${islandName(island)} is forested.`
        : `${opp} fired at ${at}: hit on your ${mine ? islandName(mine[0]) : 'island'}.`;
  }
  const winLine = win ? (player === v.role ? 'Victory! You win the game.' : `${playerName(s, player)} wins the game.`) : null;
  return { shot, kind: hit ? 'hit' : 'miss', win: winLine };
}

/** The placement hint (#preview-hint) for a preview (placement.js). */
export function previewText(type, row, col, p, placed) {
  const name = islandName(type);
  if (p.verdict === 'off') return `${name} at ${where(row, col)} would run off the board.`;
  if (p.verdict === 'bad') return `${name} at ${where(row, col)} would overlap your ${islandName(p.clashWith)}.`;
  return `${name} fits at ${where(row, col)}: ${placed ? 'press Enter or click to move it here' : 'press Enter or click to place it'}.`;
}
