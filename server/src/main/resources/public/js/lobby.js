// The lobby's live side (docs/protocol.md §9): while the lobby screen shows, a socket of its
// own joins the `lobby` topic, lists the open games (one click joins) and asks for a quick match
// ("Play someone now", cancel). The rematch box of the game screen (§10) is here too. Texts and
// states come from match.js (pure); names from the server are written as text, never as HTML.
//
// DOM hooks (see main.js for the others):
//   #open-games li[data-game=<name>]   one open game; its button joins it
//   #open-games-empty                  shown when no game is open
//   #quick-match, #cancel-match        ask for an opponent now / stop waiting
//   #match-status[data-state]          idle | waiting | failed
//   #rematch-box, #rematch             the rematch button once the game is over
//   #rematch-status[data-state]        none | offered | asked | failed
import { el } from './grid.js';
import { setAttr, setText } from './render.js';
import { ageText, lobbyRows, matchErrorText, rematchReduce, rematchView } from './match.js';

const $ = (sel) => document.querySelector(sel);

/**
 * Starts the lobby list and quick match.
 * @param on {name(): string, pick(game), matched({game, role, token, opponent}, name), error(reason, text)}
 * @returns {{stop()}}
 */
export function startLobby(on, Phoenix = globalThis.Phoenix) {
  const E = {
    lobby: $('#lobby'), list: $('#open-games'), empty: $('#open-games-empty'),
    quick: $('#quick-match'), cancel: $('#cancel-match'), status: $('#match-status'),
  };
  let socket = null;
  let channel = null;
  let rows = [];
  let waitingAs = null;
  let ticker = null;

  const setState = (state, text) => {
    setAttr(E.status, 'data-state', state);
    setText(E.status, text);
    E.quick.hidden = state === 'waiting';
    E.cancel.hidden = state !== 'waiting';
  };

  function draw() {
    const now = Date.now();
    const items = rows.map((r) => {
      const join = el('button', { type: 'button', class: 'btn btn-small', text: 'Join' });
      join.addEventListener('click', () => on.pick(r.game));
      return el('li', { 'data-game': r.game },
        el('span', { class: 'open-creator', text: r.creator }), ' ',
        el('span', { class: 'open-age', text: ageText(now - r.since) }), ' ', join);
    });
    E.list.replaceChildren(...items);
    E.empty.hidden = rows.length > 0;
  }

  function connect() {
    if (socket || !Phoenix) return;
    socket = new Phoenix.Socket('/socket', {});
    socket.connect();
    channel = socket.channel('lobby', {});
    channel.onError(() => { asked = false; }); // a rejoin (new channel on the server) asks again
    channel.on('games', (payload) => { rows = lobbyRows(payload, Date.now()); draw(); });
    channel.on('matched', (m) => {
      const name = waitingAs;
      waitingAs = null;
      setState('idle', '');
      if (m && typeof m.game === 'string' && typeof m.token === 'string' && name) on.matched(m, name);
    });
    channel.on('match_failed', (m) => {
      waitingAs = null;
      const reason = (m && m.reason) || 'error';
      setState('failed', matchErrorText(reason));
    });
    channel.join().receive('ok', (payload) => {
      rows = lobbyRows(payload, Date.now());
      draw();
      if (waitingAs && !asked) ask(waitingAs); // pressed before the lobby was joined (or a rejoin: asks again)
    });
    ticker = setInterval(draw, 5000);
  }

  function disconnect() {
    if (!socket) return;
    const s = socket;
    socket = null;
    channel = null;
    waitingAs = null;
    clearInterval(ticker);
    setState('idle', '');
    try { s.disconnect(); } catch { /* ignore */ }
  }

  let asked = false; // the quick_match push for waitingAs went out on the current join
  function ask(name) {
    asked = true;
    channel.push('quick_match', { screen_name: name })
      .receive('error', (r) => {
        if (r && r.reason === 'already_waiting' && waitingAs === name) return; // a rejoin asking again
        waitingAs = null;
        setState('failed', matchErrorText(r && r.reason));
      })
      .receive('timeout', () => { asked = false; });
  }
  E.quick.addEventListener('click', () => {
    const name = on.name();
    if (!name) { on.error('missing_name', 'Enter your name first.'); return; }
    if (!channel) { setState('failed', matchErrorText('offline')); return; }
    waitingAs = name;
    asked = false;
    setState('waiting', 'Looking for an opponent…');
    if (channel.canPush()) ask(name); // else once the join's reply comes
  });
  E.cancel.addEventListener('click', () => {
    if (!channel) return;
    if (!asked) { waitingAs = null; setState('idle', 'No longer waiting.'); return; } // not asked yet: nothing to take back
    channel.push('cancel_match', {})
      .receive('ok', () => { waitingAs = null; setState('idle', 'No longer waiting.'); })
      .receive('error', (r) => setState('waiting', matchErrorText(r && r.reason)));
  });

  // the lobby lives while its screen shows
  const follow = () => (E.lobby.hidden ? disconnect() : connect());
  new MutationObserver(follow).observe(E.lobby, { attributes: true, attributeFilter: ['hidden'] });
  follow();
  return { stop: disconnect };
}

/**
 * The rematch box of the game screen.
 * @param on {push(cb): boolean, over(): boolean, role(): string|null, opponent(): string|null}
 * @returns {{event(name, payload), reset(), draw()}}
 */
export function rematchBox(on) {
  const E = { box: $('#rematch-box'), button: $('#rematch'), status: $('#rematch-status') };
  let state = 'none';
  const draw = () => {
    const v = rematchView(state, on.over(), on.opponent());
    E.box.hidden = v.hidden;
    setText(E.button, v.label);
    E.button.disabled = v.disabled;
    setAttr(E.status, 'data-state', v.hidden ? 'none' : state);
    setText(E.status, v.status);
  };
  E.button.addEventListener('click', () => {
    on.push({
      ok: (r) => { if (r && r.status === 'offered') state = rematchReduce(state, { type: 'offered_ok' }, on.role()); draw(); },
      error: (r) => { state = rematchReduce(state, { type: 'failed' }, on.role()); draw(); setText(E.status, matchErrorText(r && r.reason)); return true; },
    });
  });
  return {
    event(name, payload) {
      if (name === 'rematch_offered') state = rematchReduce(state, { type: 'broadcast', player: payload && payload.player }, on.role());
      if (name === 'rematch_failed') state = rematchReduce(state, { type: 'failed' }, on.role());
      draw();
    },
    reset() { state = 'none'; draw(); },
    draw,
  };
}
