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

/** One joined channel. */
export class GameChannel {
  constructor(ch) { this.ch = ch; }

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

  /** Leaves the topic (stops phoenix.js from rejoining it). */
  leave() { try { this.ch.leave(); } catch { /* ignore */ } }
}
