// The lobby's and rematch's pure parts (docs/protocol.md §9, §10): the open-games list read
// from the server's hostile-until-checked payload, ages as text, the quick-match and rematch
// states and their texts. No DOM, no socket: unit-tested with node --test.

/** The most open games the page shows (the server sends at most as many). */
export const MAX_ROWS = 100;
/** The name rule's characters (docs/protocol.md §2.1); lengths are the server's to check. */
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The rows to show from a `games` payload (the lobby join reply or broadcast): only entries whose
 * game and creator follow the name rule and whose age is a number, at most MAX_ROWS, in the
 * server's order (newest first).
 * @param receivedAt when the payload arrived (ms, the page's clock): ages grow from there
 * @returns {{game: string, creator: string, since: number}[]} since = the page-clock time the game was made
 */
export function lobbyRows(payload, receivedAt) {
  const games = payload && Array.isArray(payload.games) ? payload.games : [];
  const rows = [];
  for (const g of games) {
    if (rows.length >= MAX_ROWS) break;
    if (!g || typeof g.game !== 'string' || !NAME.test(g.game)) continue;
    const creator = typeof g.creator === 'string' && NAME.test(g.creator) ? g.creator : g.game;
    const age = Number.isFinite(g.age_ms) && g.age_ms >= 0 ? g.age_ms : 0;
    rows.push({ game: g.game, creator, since: receivedAt - age });
  }
  return rows;
}

/** A game's age as text: "just now", "42 s", "5 min", "3 h", "2 d". */
export function ageText(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

/** The text of a quick-match or rematch refusal (the server's reason). */
export function matchErrorText(reason) {
  switch (reason) {
    case 'invalid_name': return 'Pick a name of 1 to 40 letters, digits, _ or - first.';
    case 'already_waiting': return 'This name is already waiting for an opponent (in another tab?).';
    case 'already_matched': return 'Too late to cancel: an opponent was just found.';
    case 'name_busy': return 'Your name already has a game on the server: finish it or play under another name.';
    case 'busy': return 'The server has too many players waiting right now: try again in a moment.';
    case 'rate_limited': return 'You are starting games too quickly: wait a minute and try again.';
    case 'not_over': return 'A rematch can only be asked once the game is over.';
    case 'unauthorized': return 'Only the two players of this game can ask for a rematch.';
    case 'offline': return 'Not connected to the server right now: try again in a moment.';
    default: return 'The server could not do that right now: try again.';
  }
}

/**
 * The rematch state of the game on screen: 'none' (nobody asked), 'offered' (I asked, the
 * opponent has not), 'asked' (the opponent asked, I have not), 'failed'.
 */
export function rematchReduce(state, action, myRole) {
  switch (action.type) {
    case 'reset': return 'none';
    case 'offered_ok': return state === 'asked' ? 'asked' : 'offered';
    case 'broadcast': return action.player === myRole ? (state === 'asked' ? 'asked' : 'offered') : (state === 'offered' ? 'offered' : 'asked');
    case 'failed': return 'failed';
    default: return state;
  }
}

/**
 * What the rematch box shows.
 * @param over whether the game on screen is over
 * @param opponent the opponent's name, or null
 * @returns {{hidden: boolean, label: string, status: string, disabled: boolean}}
 */
export function rematchView(state, over, opponent) {
  const who = opponent || 'your opponent';
  if (!over) return { hidden: true, label: 'Rematch', status: '', disabled: true };
  switch (state) {
    case 'offered': return { hidden: false, label: 'Rematch offered', status: `Waiting for ${who} to accept the rematch…`, disabled: true };
    case 'asked': return { hidden: false, label: 'Accept rematch', status: `${who} wants a rematch, with the roles swapped.`, disabled: false };
    case 'failed': return { hidden: false, label: 'Rematch', status: 'The rematch could not start: ' + matchErrorText('name_busy'), disabled: false };
    default: return { hidden: false, label: 'Rematch', status: 'Play again with the roles swapped?', disabled: false };
  }
}
