// The Phoenix Channels side of the page (docs/protocol.md): one socket while in a game, one
// channel on game:<name>, pushes with their replies. Uses the vendored phoenix.js (the global
// `Phoenix`, loaded before this module).

/**
 * Opens a socket to /socket.
 * @param on {open(), error(), close()} socket callbacks
 * @returns the Phoenix socket, or null when phoenix.js did not load
 */
export function openSocket(on, Phoenix = globalThis.Phoenix) {
  if (!Phoenix) return null;
  const socket = new Phoenix.Socket('/socket', {});
  socket.onOpen(() => on.open());
  socket.onError(() => on.error());
  socket.onClose(() => on.close());
  socket.connect();
  return socket;
}

/**
 * Joins game:<game> on `socket`.
 * @param params a function returning the join params: phoenix.js calls it again on every
 *   rejoin (after a network drop or a server restart), so the seat token goes with them
 * @param on {event(name, payload), joined(reply), refused(reply), timeout(), error(), closed()}
 * @returns a GameChannel
 */
export function joinGame(socket, game, params, on) {
  const ch = socket.channel('game:' + game, params);
  for (const event of ['game_started', 'player_added', 'player_set_islands', 'player_guessed_coordinate', 'presence_diff', 'subscribers',
    'rematch_offered', 'rematch_started', 'rematch_failed']) {
    ch.on(event, (payload) => on.event(event, payload));
  }
  ch.onError(() => on.error());
  ch.onClose(() => on.closed());
  ch.join()
    .receive('ok', (r) => on.joined(r || {}))
    .receive('error', (r) => on.refused(r || {}))
    .receive('timeout', () => on.timeout());
  return new GameChannel(ch);
}

/** The moves that carry a move id (docs/protocol.md §4.1): applied at most once per id. */
export const MOVES_WITH_IDS = ['position_island', 'set_islands', 'guess_coordinate'];

/**
 * @returns a function giving a fresh move id on each call: a random prefix (one per page) and a
 *   counter, at most 64 characters of A-Z a-z 0-9 _ - as the server requires
 */
export function moveIds(random = Math.random) {
  const prefix = Math.floor(random() * 36 ** 8).toString(36);
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** `payload` with `move_id`; set_islands' bare string becomes its object form `{player}`. */
export function withMoveId(payload, id) {
  const obj = typeof payload === 'string' ? { player: payload } : { ...payload };
  obj.move_id = id;
  return obj;
}

/** One joined channel. */
export class GameChannel {
  constructor(ch, nextMoveId = moveIds()) {
    this.ch = ch;
    this.nextMoveId = nextMoveId;
    /** The latest move sent and not answered yet: {event, payload, cb, attempt}, or null. */
    this.pending = null;
  }

  /** @returns {boolean} whether a push would go out now */
  canPush() { return this.ch.canPush(); }

  /**
   * Pushes `event`; exactly one of the callbacks runs: `ok(response)`, `error(response)` (the
   * response always has a `reason`), or `timeout()` after 10 s without a reply (which is how
   * add_player, guess_coordinate and show_subscribers succeed: docs/protocol.md §4.1).
   * @returns {boolean} false when not connected (nothing was sent)
   */
  push(event, payload, cb = {}) {
    if (!this.ch.canPush()) return false;
    this.ch.push(event, payload)
      .receive('ok', (r) => cb.ok && cb.ok(r || {}))
      .receive('error', (r) => cb.error && cb.error({ reason: 'error', ...(r || {}) }))
      .receive('timeout', () => cb.timeout && cb.timeout());
    return true;
  }

  /**
   * Pushes a move (one of MOVES_WITH_IDS) with a fresh move id, as push() does. Until its reply
   * (or its timeout) the latest such move is pending: after a reconnect, retryPending() sends it
   * again with the same id, and the server, which remembers each player's last applied move id,
   * answers from the game's memory instead of applying it twice. Each move's callbacks run once,
   * for its latest attempt only. (Only the latest move is retried: the server remembers one id
   * per player; the view the rejoin brings shows what became of any older one.)
   * @returns {boolean} false when not connected (nothing was sent, nothing is pending)
   */
  pushMove(event, payload, cb = {}) {
    const move = { event, payload: withMoveId(payload, this.nextMoveId()), cb, attempt: 0 };
    if (!this.sendMove(move)) return false;
    this.pending = move;
    return true;
  }

  /**
   * Sends the pending move again, same id (call it once the channel has rejoined).
   * @returns {boolean} whether a move was sent
   */
  retryPending() {
    const move = this.pending;
    return !!move && this.sendMove(move);
  }

  sendMove(move) {
    const attempt = ++move.attempt;
    const settle = (fn) => (r) => {
      if (move.attempt !== attempt || move.settled) return; // an older attempt, or answered already
      move.settled = true;
      if (this.pending === move) this.pending = null;
      if (fn) fn(r);
    };
    return this.push(move.event, move.payload, {
      ok: settle(move.cb.ok), error: settle(move.cb.error), timeout: settle(move.cb.timeout),
    });
  }

  /** Leaves the topic (stops phoenix.js from rejoining it). */
  leave() { try { this.ch.leave(); } catch { /* ignore */ } }
}
