// The page's state as a pure reducer: reduce(def, state, action) returns the next state and
// never changes its arguments. The rules' state (whose turn, game over) only ever comes from
// the server's views: a broadcast records the facts it states (a shot, islands set) and marks
// the state `stale` until the next view, which the page asks for at once (docs/protocol.md §6).
import { key, nextUnplaced, shapeCells } from './placement.js';

/** The palette's order (keys 1 to 5), before any type the server adds. */
export const PALETTE = ['atoll', 'square', 'l_shape', 's_shape', 'dot'];

/** @returns {string[]} the island types of `def` in palette order */
export function paletteOf(def) {
  return [...PALETTE.filter((t) => def.types.includes(t)), ...def.types.filter((t) => !PALETTE.includes(t))];
}

/** The state of a page in its lobby. */
export function initialState(def) {
  return {
    game: null,          // the joined game's name (player 1's screen name), null in the lobby
    name: null,          // my screen name
    view: null,          // the last view from the server (normalized), patched by broadcasts
    stale: false,        // a broadcast came after that view: its rules state may be behind
    journal: null,       // broadcasts since the pending view request, replayed onto its reply
    online: {},          // screen name -> presence refs
    selected: paletteOf(def)[0],
    hover: null,         // {row, col} of the own-grid cell under the pointer or focus
    pendingGuess: null,  // key of the target cell just fired at, until its broadcast
    fresh: { own: null, target: null }, // keys of the latest shots (for the splash animation)
  };
}

const coordList = (x) => (Array.isArray(x) ? x.filter((c) => c && Number.isInteger(c.row) && Number.isInteger(c.col)).map((c) => ({ row: c.row, col: c.col })) : []);
const guessesOf = (g) => ({ hits: coordList(g && g.hits), misses: coordList(g && g.misses) });
const hasCoord = (list, r, c) => list.some((x) => x.row === r && x.col === c);
const withCoord = (list, r, c) => (hasCoord(list, r, c) ? list : [...list, { row: r, col: c }]);

function boardOf(b) {
  const board = {};
  for (const [type, isl] of Object.entries(b && typeof b === 'object' ? b : {})) {
    board[type] = { coordinates: coordList(isl && isl.coordinates), hit_coordinates: coordList(isl && isl.hit_coordinates) };
  }
  return board;
}

/** A server view (docs/protocol.md §3) with every field present and well-typed. */
export function normalizeView(v, game) {
  v = v && typeof v === 'object' ? v : {};
  return {
    game: typeof v.game === 'string' ? v.game : game,
    role: v.role === 'player1' || v.role === 'player2' ? v.role : null,
    started: v.started === true,
    state: typeof v.state === 'string' ? v.state : 'initialized',
    players: { player1: (v.players && v.players.player1) || game, player2: (v.players && v.players.player2) || null },
    islands_set: { player1: !!(v.islands_set && v.islands_set.player1), player2: !!(v.islands_set && v.islands_set.player2) },
    board: boardOf(v.board),
    guesses: guessesOf(v.guesses),
    opponent_guesses: guessesOf(v.opponent_guesses),
    forested: Array.isArray(v.forested) ? v.forested.filter((t) => typeof t === 'string') : [],
    winner: v.winner === 'player1' || v.winner === 'player2' ? v.winner : null,
  };
}

/** The facts a broadcast states, applied to a view (idempotent: applying one twice changes nothing more). */
export function applyBroadcast(view, event, payload) {
  if (!view || !payload || typeof payload !== 'object') return view;
  if (event === 'game_started') return view.started ? view : { ...view, started: true };
  if (event === 'player_set_islands') {
    const p = payload.player;
    if (p !== 'player1' && p !== 'player2') return view;
    return { ...view, islands_set: { ...view.islands_set, [p]: true } };
  }
  if (event === 'player_guessed_coordinate') {
    const { player, row, col } = payload;
    if (!Number.isInteger(row) || !Number.isInteger(col) || (player !== 'player1' && player !== 'player2')) return view;
    const result = payload.result || {};
    const hit = result.hit === true;
    const island = typeof result.island === 'string' && result.island !== 'none' ? result.island : null;
    if (player === view.role) {
      const g = view.guesses;
      return {
        ...view,
        guesses: hit ? { ...g, hits: withCoord(g.hits, row, col) } : { ...g, misses: withCoord(g.misses, row, col) },
        forested: island && !view.forested.includes(island) ? [...view.forested, island] : view.forested,
      };
    }
    const og = view.opponent_guesses;
    const board = {};
    for (const [type, isl] of Object.entries(view.board)) {
      board[type] = hasCoord(isl.coordinates, row, col) ? { ...isl, hit_coordinates: withCoord(isl.hit_coordinates, row, col) } : isl;
    }
    return {
      ...view,
      board,
      opponent_guesses: hit ? { ...og, hits: withCoord(og.hits, row, col) } : { ...og, misses: withCoord(og.misses, row, col) },
    };
  }
  return view;
}

/** The events that mark the view stale (everything the game broadcasts, presence aside). */
export const GAME_EVENTS = ['game_started', 'player_added', 'player_set_islands', 'player_guessed_coordinate'];

function guessSettled(view, pending) {
  if (!pending || !view) return false;
  const [r, c] = pending.split(',').map(Number);
  return hasCoord(view.guesses.hits, r, c) || hasCoord(view.guesses.misses, r, c);
}

function keepSelection(def, s) {
  // keep the palette on an island still to place
  if (s.view && s.view.board[s.selected] && phase(def, s) === 'placing') {
    return { ...s, selected: nextUnplaced(paletteOf(def), s.view.board, s.selected) };
  }
  return s;
}

/**
 * @param def the game's definition (definition.js)
 * @param action one of: enter {game, name} | leave | view_requested | view {view} |
 *   broadcast {event, payload} | presence_diff {diff} | subscribers {list} | offline |
 *   select {island} | hover {cell} | placed {island, row, col} | islands_set {board} |
 *   guess_sent {row, col} | guess_failed {row, col}
 */
export function reduce(def, s, action) {
  switch (action.type) {
    case 'enter':
      return { ...initialState(def), selected: s.selected, game: action.game, name: action.name };
    case 'leave':
      return { ...initialState(def), selected: s.selected };
    case 'view_requested':
      return { ...s, journal: [] };
    case 'view': {
      let view = normalizeView(action.view, s.game);
      const replay = s.journal || [];
      for (const b of replay) view = applyBroadcast(view, b.event, b.payload);
      const pendingGuess = guessSettled(view, s.pendingGuess) ? null : s.pendingGuess;
      return keepSelection(def, { ...s, view, stale: replay.length > 0, journal: null, pendingGuess });
    }
    case 'broadcast': {
      if (!GAME_EVENTS.includes(action.event)) return s;
      const b = { event: action.event, payload: action.payload };
      const next = { ...s, view: applyBroadcast(s.view, b.event, b.payload), stale: true, journal: s.journal ? [...s.journal, b] : null };
      const p = action.payload || {};
      if (action.event === 'player_guessed_coordinate' && s.view && Number.isInteger(p.row) && Number.isInteger(p.col)) {
        const k = key(p.row, p.col);
        if (p.player === s.view.role) return { ...next, pendingGuess: null, fresh: { ...s.fresh, target: k } };
        return { ...next, fresh: { ...s.fresh, own: k } };
      }
      return next;
    }
    case 'presence_diff': {
      const online = { ...s.online };
      const diff = action.diff || {};
      for (const [name, entry] of Object.entries(diff.leaves || {})) {
        if (!online[name]) continue;
        const gone = ((entry && entry.metas) || []).map((m) => m.phx_ref);
        const refs = online[name].filter((r) => !gone.includes(r));
        if (refs.length) online[name] = refs; else delete online[name];
      }
      for (const [name, entry] of Object.entries(diff.joins || {})) {
        const refs = new Set(online[name] || []);
        for (const m of (entry && entry.metas) || []) refs.add(m.phx_ref);
        online[name] = [...refs];
      }
      return { ...s, online };
    }
    case 'subscribers': {
      const online = {};
      for (const [name, entry] of Object.entries(action.list || {})) online[name] = ((entry && entry.metas) || []).map((m) => m.phx_ref);
      return { ...s, online };
    }
    case 'offline':
      return { ...s, online: {} };
    case 'select':
      return def.shapes[action.island] ? { ...s, selected: action.island } : s;
    case 'hover': {
      const c = action.cell;
      const same = (s.hover && c && s.hover.row === c.row && s.hover.col === c.col) || (!s.hover && !c);
      return same ? s : { ...s, hover: c ? { row: c.row, col: c.col } : null };
    }
    case 'placed': {
      if (!s.view) return s;
      const { island, row, col } = action;
      const wasPlaced = !!s.view.board[island];
      const board = { ...s.view.board, [island]: { coordinates: shapeCells(def, island, row, col), hit_coordinates: [] } };
      // on to the next island, unless this one was moved or another was picked meanwhile
      const selected = wasPlaced || s.selected !== island ? s.selected : nextUnplaced(paletteOf(def), board, s.selected);
      return { ...s, view: { ...s.view, board }, selected };
    }
    case 'islands_set': {
      if (!s.view || !s.view.role) return s;
      const board = action.board && typeof action.board === 'object' ? boardOf(action.board) : s.view.board;
      return { ...s, view: { ...s.view, board, islands_set: { ...s.view.islands_set, [s.view.role]: true } } };
    }
    case 'guess_sent':
      return { ...s, pendingGuess: key(action.row, action.col) };
    case 'guess_failed': // only the shot it names: a late timeout must not clear a newer shot
      return s.pendingGuess === key(action.row, action.col) ? { ...s, pendingGuess: null } : s;
    default:
      return s;
  }
}

/** @returns {'lobby'|'joining'|'waiting'|'placing'|'ready'|'playing'|'over'} the page's phase */
export function phase(def, s) {
  if (!s.game) return 'lobby';
  const v = s.view;
  if (!v) return 'joining';
  if (!v.started || !v.role || v.state === 'initialized') return 'waiting';
  if (v.state === 'players_set') return v.islands_set[v.role] ? 'ready' : 'placing';
  if (v.state === 'game_over') return 'over';
  return 'playing';
}

/** @returns {boolean} whether the server's latest state says it is my turn (false while stale) */
export function myTurn(def, s) {
  const v = s.view;
  return !!(v && v.role && !s.stale && def.turns[v.state] === v.role);
}

/** @returns {string|null} whose turn the server's latest state says it is */
export function turnOf(def, s) {
  return (s.view && def.turns[s.view.state]) || null;
}

/** @returns {boolean} whether I already fired at (row, col) */
export function alreadyGuessed(s, row, col) {
  const g = s.view && s.view.guesses;
  return !!g && (hasCoord(g.hits, row, col) || hasCoord(g.misses, row, col));
}

/** @returns {string} the other role */
export const other = (p) => (p === 'player1' ? 'player2' : 'player1');
