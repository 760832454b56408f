/*
 * Islands web client: native ES modules, no framework, no build step. This module wires the
 * others to the page: protocol.js (the Phoenix channel), state.js (the view state, a pure
 * reducer), placement.js, grid.js, render.js, texts.js, storage.js, definition.js (island
 * shapes and rules states from GET /game.json). The channel protocol is docs/protocol.md.
 *
 * Stable hooks for browser tests (Playwright) -----------------------------------------------
 *   #app                  data-phase = lobby | joining | waiting | placing | ready | playing | over
 *                         data-role  = player1 | player2 | ""   (this browser's seat)
 *                         data-turn  = mine | theirs | ""        (only while playing, and "" from a
 *                         shot's broadcast until the server's view says whose turn it is)
 *                         data-ready = true once the game's definition is loaded
 *   #lobby, #play         the two screens (the inactive one has the `hidden` attribute)
 *   #name                 lobby: your screen name
 *   #game                 lobby: name of the game to join (= player 1's screen name)
 *   #create               lobby: create a game named after you (join + new_game)
 *   #invite-only          lobby checkbox (checked by default): the game's second seat needs the
 *                         invitation of the invite link; unchecked, anyone who knows the name joins
 *   #join                 lobby: join the game in #game as #name (join + add_player)
 *   #play-computer        lobby: create an invite-only game named after you and ask for the
 *                         computer as player 2 (join + new_game + play_computer; bot.js)
 *   #error                latest error message for the user, empty when none;
 *                         data-reason = the server's raw reason ("overlapping_island",
 *                         "Not your turn.", "unauthorized", "islands_already_set", ...) or a client
 *                         reason ("missing_name", "missing_game", "already_guessed", "offline",
 *                         "timeout", "game_closed", "no_definition")
 *   #status               whose turn / phase / winner, e.g. "Your turn: …", "diva's turn…",
 *                         "You won! …", "diva won. …" (role=status, polite live region)
 *   #last-shot            outcome of the latest shot
 *   #game-name            the game's name
 *   #players [data-player=player1|player2]   player chips; data-online=true|false
 *   #palette [data-island=atoll|dot|l_shape|s_shape|square]
 *                         island palette buttons; aria-pressed="true" on the selected one,
 *                         data-placed="true" once that island is on your board
 *   #own-grid [data-row="1"][data-col="1"]   your board cells, rows/cols 1..10.
 *                         data-land=<island type> on land; data-shot=hit|miss where the
 *                         opponent fired; data-forested=true on your fully hit islands;
 *                         data-preview=ok|bad on the cells of the hover/focus preview
 *   #own-grid[data-preview=ok|bad|off]      preview verdict (off = runs off the board)
 *   #preview-hint         text of the preview verdict (data-verdict=ok|bad|off)
 *   #set-islands          "Set islands" button;  #placed-count  "n of 5 placed"
 *   #target-grid [data-row][data-col]        opponent board cells; data-shot=hit|miss|pending
 *   #fleet [data-fleet=<type>]  opponent islands; data-forested=true once you forested it
 *   #invite-link          invite URL (…/?game=<name>&invitation=<secret>): opens straight into
 *                         the game (joins at once when the browser knows its name)
 *   #leave                leave the game and return to the lobby
 *   #watch-replay         once the game is over: its replay, step by step (replay-view.js)
 *   #conn                 connection indicator, data-state = idle|connecting|online|offline
 *   #log                  captain's log, newest entry first
 *   lobby list, quick match, rematch: lobby.js lists their hooks (#open-games, #quick-match,
 *                         #cancel-match, #match-status, #rematch, #rematch-status)
 *
 * Keyboard: grid cells use a roving tabindex (Tab enters a grid on one cell); arrow keys,
 * Home/End, PageUp/PageDown move; Enter or Space acts; in your waters keys 1-5 pick an island.
 * Islands never rotate (as in the book).
 *
 * Storage (storage.js): seat token in localStorage "islands:<game>:<screen_name>"; the current
 * game of this tab in sessionStorage "islands:session" (so a reload rejoins); last name in
 * "islands:name".
 */
import { loadDefinition } from './definition.js';
import { rematchBox, startLobby } from './lobby.js';
import { buildGrid } from './grid.js';
import { joinGame, MOVES_WITH_IDS, openSocket } from './protocol.js';
import {
  addLog, buildPalette, elements, render, renderOwnGrid, renderPlayers, renderPreviewHint, renderTargetGrid,
  setAttr, setConn, setText, showError,
} from './render.js';
import { computerRefusalText, playComputerPayload } from './bot.js';
import { installReplay } from './replay-view.js';
import { alreadyGuessed, initialState, paletteOf, phase, reduce } from './state.js';
import { createStorage, joinParams } from './storage.js';
import { islandName, joinErrorText, playerName, reasonText, shotTexts, where } from './texts.js';

const E = elements();
const storageArea = (name) => { try { return window[name]; } catch { return null; } };
const store = createStorage(storageArea('localStorage'), storageArea('sessionStorage'));
const ask = { creating: false, invitation: null, computer: false }; // what the next first join asks for (storage.js joinParams); computer: play_computer after new_game
/** Retries of a `view` request that timed out, in a row. */
const VIEW_RETRIES = 3;

let def = null;     // the game's definition (definition.js)
let S = null;       // the page's state (state.js)
let socket = null;  // the Phoenix socket while in a game
let channel = null; // the GameChannel of the current game
let flags = {};     // one-shot actions per join: newGame, addPlayer
let viewInFlight = false;
let viewTimeouts = 0;

const dispatch = (action) => { S = reduce(def, S, action); };
const draw = () => { render(E, def, S, S.game ? store.invitation(S.game) : null); rematch.draw(); };
const clearError = () => showError(E, '', '');

// ---- Socket & channel -------------------------------------------------------------------------
function ensureSocket() {
  if (socket) return socket;
  const s = openSocket({
    open: () => { if (socket === s) setConn(E, 'online', 'Online'); },
    error: () => { if (socket === s) setConn(E, 'offline', 'Connection lost: reconnecting…'); },
    close: () => {
      if (socket !== s) return;
      if (channel) setConn(E, 'offline', 'Connection lost: reconnecting…');
      dispatch({ type: 'offline' });
      if (channel) renderPlayers(E, def, S);
    },
  });
  if (!s) { showError(E, 'no_client', 'The game client failed to load. Reload the page.'); return null; }
  setConn(E, 'connecting', 'Connecting…');
  socket = s;
  return s;
}

function enter(game, name) {
  leaveChannel(false);
  const sock = ensureSocket();
  if (!sock) return;
  dispatch({ type: 'enter', game, name });
  rematch.reset();
  flags = {};
  viewInFlight = false;
  E.log.replaceChildren();
  store.setSession(game, name);
  store.setLastName(name);
  let ch = null;
  const mine = (fn) => (...args) => { if (channel === ch) fn(...args); };
  ch = joinGame(sock, game, () => joinParams(store, game, name, ask), {
    event: mine(onEvent),
    joined: mine(onJoined),
    refused: mine(onJoinRefused),
    timeout: mine(() => setConn(E, 'connecting', 'Still trying to reach the game…')),
    error: mine(() => {
      // Presence is unknown until the rejoin; show_subscribers refreshes it.
      dispatch({ type: 'offline' });
      renderPlayers(E, def, S);
      if (sock.isConnected()) setConn(E, 'connecting', 'Rejoining…');
    }),
    closed: mine(() => {
      // The server closed the game's topic: the game was stopped or has ended.
      leaveChannel(true);
      showError(E, 'game_closed', `The game “${game}” has ended on the server.`);
    }),
  });
  channel = ch;
  draw();
}

function leaveChannel(toLobby = true) {
  if (channel) {
    const ch = channel;
    channel = null;
    ch.leave();
  }
  viewInFlight = false;
  if (toLobby) {
    dispatch({ type: 'leave' });
    store.clearSession();
    // No game, no connection: a new one is opened on the next join.
    if (socket) {
      const s = socket;
      socket = null;
      try { s.disconnect(); } catch { /* ignore */ }
    }
    setConn(E, 'idle', 'Not connected');
    draw();
    E.name.focus();
  }
}

function onJoined(resp) {
  if (resp.token) store.setToken(S.game, S.name, resp.token);
  if (resp.invitation) store.setInvitation(S.game, resp.invitation);
  ask.creating = false;
  setConn(E, 'online', 'Online');
  flags = {};
  viewInFlight = false;
  if (resp.view) dispatch({ type: 'view', view: resp.view });
  addLog(E, `Joined game ${S.game} as ${S.name}.`);
  channel.retryPending(); // a move sent before the connection dropped, with its id: not applied twice
  push('show_subscribers', {}, { quiet: true, noReply: true });
  // The join's view may be older than the channel's subscription to the topic: one view after
  // the join closes that gap; from then on game_started says when the game starts (§2.1).
  // (stale: broadcasts of before a rejoin were replayed onto the join's view)
  if (!S.view || !S.view.started || S.stale) requestView();
  draw();
  advance();
}

function onJoinRefused(resp) {
  const game = S.game, name = S.name;
  leaveChannel(true); // stops phoenix.js from retrying the refused join
  if (name !== game) E.game.value = game;
  E.name.value = name;
  showError(E, resp.reason || 'error', joinErrorText(resp, game, name));
}

/**
 * Pushes on the current channel; an error reply shows its reason's text unless `opts.error`
 * returns something other than false. `noReply` events succeed silently (their timeout is no error).
 */
function push(event, payload, opts = {}) {
  const ch = channel;
  if (!ch) return false;
  // a move carries a move id and is retried after a rejoin with it (protocol.js, docs/protocol.md §4.1)
  const sent = (MOVES_WITH_IDS.includes(event) ? ch.pushMove : ch.push).call(ch, event, payload, {
    ok: (r) => { if (channel === ch && opts.ok) opts.ok(r); },
    error: (r) => {
      if (channel !== ch) return;
      if (opts.error && opts.error(r) !== false) return;
      showError(E, r.reason, reasonText(event, r.reason, S));
    },
    timeout: () => {
      if (channel !== ch) return;
      if (opts.timeout) opts.timeout();
      else if (!opts.noReply && !opts.quiet) showError(E, 'timeout', 'The server did not answer in time. Please try again.');
    },
  });
  if (!sent && !opts.quiet) showError(E, 'offline', 'Not connected to the game right now: reconnecting, try again in a moment.');
  return sent;
}

/**
 * Asks the server for this player's view, one request at a time; broadcasts that arrive
 * meanwhile are replayed onto its reply (state.js) and ask for one more.
 */
function requestView() {
  if (!channel || viewInFlight) return;
  const ch = channel;
  dispatch({ type: 'view_requested' });
  viewInFlight = true;
  const sent = push('view', {}, {
    quiet: true,
    ok: (r) => {
      viewInFlight = false;
      viewTimeouts = 0;
      if (r.view) applyView(r.view);
      if (S.stale) requestView();
    },
    error: () => { viewInFlight = false; },
    timeout: () => {
      viewInFlight = false;
      if (channel === ch && ++viewTimeouts <= VIEW_RETRIES) requestView();
    },
  });
  if (!sent) viewInFlight = false;
}

function applyView(view) {
  const before = phase(def, S);
  dispatch({ type: 'view', view });
  const after = phase(def, S);
  if (after === 'playing' && (before === 'ready' || before === 'placing')) addLog(E, 'Both archipelagos are set: the battle begins!', 'set');
  draw();
  advance();
}

// Drive the seat forward: player 1 starts the game, player 2 takes the second seat.
function advance() {
  const v = S.view;
  if (!v || !channel) return;
  if (!v.started) {
    if (S.name === S.game && !flags.newGame) {
      flags.newGame = true;
      push('new_game', {}, {
        ok: () => { addLog(E, `Game ${S.game} created.`); if (ask.computer) callComputer(); },
        error: (r) => { if (r.reason === 'already_started') { requestView(); return true; } flags.newGame = false; return false; },
        timeout: () => { flags.newGame = false; requestView(); },
      });
    }
    return; // player 2 waits for game_started
  }
  if (v.role === null && S.name !== S.game && !flags.addPlayer) {
    flags.addPlayer = true;
    push('add_player', S.name, {
      noReply: true,
      error: () => false, // keep the flag: retrying would fail the same way
      timeout: () => { flags.addPlayer = false; requestView(); },
    });
  }
}

// ---- Playing the computer (bot.js) -------------------------------------------------------------
function callComputer() {
  ask.computer = false;
  push('play_computer', playComputerPayload(store.invitation(S.game)), {
    ok: () => addLog(E, 'The computer takes the second seat.', 'join'),
    error: (r) => { showError(E, r.reason, computerRefusalText(r.reason)); return true; },
  });
}

// ---- Broadcasts ------------------------------------------------------------------------------
function onEvent(event, payload) {
  if (event.startsWith('rematch_')) return onRematchEvent(event, payload);
  if (event === 'presence_diff') return onPresenceDiff(payload || {});
  if (event === 'subscribers') {
    dispatch({ type: 'subscribers', list: payload });
    renderPlayers(E, def, S);
    return;
  }
  const before = S;
  const v = before.view;
  if (event === 'player_added') addLog(E, (payload && payload.message) || 'A player joined.', 'join');
  if (event === 'player_set_islands' && v && payload) {
    addLog(E, payload.player === v.role ? 'You set your islands.' : `${playerName(before, payload.player)} set their islands.`, 'set');
  }
  if (event === 'player_guessed_coordinate' && v && payload && Number.isInteger(payload.row) && Number.isInteger(payload.col)) {
    const t = shotTexts(before, payload);
    if (payload.player === v.role) clearError();
    setText(E.lastShot, t.shot);
    addLog(E, t.shot, t.kind);
    if (t.win) addLog(E, t.win, 'win');
  }
  dispatch({ type: 'broadcast', event, payload });
  draw();
  advance(); // game_started: player 2 takes the second seat at once
  requestView();
}

function onPresenceDiff(diff) {
  const before = S.online;
  dispatch({ type: 'presence_diff', diff });
  for (const name of Object.keys(diff.joins || {})) if (name !== S.name) addLog(E, `${name} is here.`, 'join');
  for (const name of Object.keys(diff.leaves || {})) if (before[name] && !S.online[name] && name !== S.name) addLog(E, `${name} left.`, 'leave');
  renderPlayers(E, def, S);
}

// ---- Moves -------------------------------------------------------------------------------------
function placeAt(row, col) {
  const v = S.view;
  if (!v) return;
  clearError();
  if (!v.role) { showError(E, 'unauthorized', reasonText('position_island', 'unauthorized', S)); return; }
  const type = S.selected;
  const wasPlaced = !!v.board[type];
  push('position_island', { player: v.role, island: type, row, col }, {
    ok: () => {
      dispatch({ type: 'placed', island: type, row, col });
      addLog(E, `${wasPlaced ? 'Moved' : 'Placed'} your ${islandName(type)} at ${where(row, col)}.`, 'place');
      setText(E.previewHint, `${islandName(type)} ${wasPlaced ? 'moved' : 'placed'} at ${where(row, col)}.`);
      draw();
    },
  });
}

function setIslands() {
  const v = S.view;
  if (!v) return;
  clearError();
  if (!v.role) { showError(E, 'unauthorized', reasonText('set_islands', 'unauthorized', S)); return; }
  push('set_islands', v.role, {
    ok: (r) => {
      dispatch({ type: 'islands_set', board: r.board });
      draw();
      requestView();
    },
  });
}

function fireAt(row, col) {
  const v = S.view;
  if (!v) return;
  clearError();
  if (!v.role) { showError(E, 'unauthorized', reasonText('guess_coordinate', 'unauthorized', S)); return; }
  if (alreadyGuessed(S, row, col)) {
    showError(E, 'already_guessed', `You already fired at ${where(row, col)}: pick fresh waters.`);
    return;
  }
  if (S.pendingGuess) return; // one shot in flight at a time
  const settle = () => { dispatch({ type: 'guess_failed', row, col }); renderTargetGrid(E, def, S); };
  const sent = push('guess_coordinate', { player: v.role, row, col }, {
    noReply: true,
    error: () => { settle(); return false; },
    // a reply only to a retry the server had applied already (its broadcast went out then): read the view
    ok: () => { if (S.pendingGuess === `${row},${col}`) { settle(); requestView(); } },
    // no reply is how a guess succeeds: after 10 s, a shot still pending was lost
    timeout: () => { if (S.pendingGuess === `${row},${col}`) { settle(); requestView(); } },
  });
  if (sent) {
    dispatch({ type: 'guess_sent', row, col });
    renderTargetGrid(E, def, S);
  }
}

function select(type, announce = true) {
  dispatch({ type: 'select', island: type });
  draw();
  if (announce) setText(E.previewHint, `${islandName(type)} selected.` + (S.view && S.view.board[type] ? ' Placing it again moves it.' : ''));
}

function setHover(cell) {
  const before = S;
  dispatch({ type: 'hover', cell });
  if (S === before) return;
  renderOwnGrid(E, def, S);
  renderPreviewHint(E, def, S);
}

function act(which, r, c) {
  const ph = phase(def, S);
  if (which === 'own') {
    if (ph === 'placing' || ph === 'waiting') placeAt(r, c); // waiting: the server says why not yet
    else if (ph === 'ready' || ph === 'playing' || ph === 'over') setText(E.previewHint, '');
  } else {
    fireAt(r, c);
  }
}

// ---- Lobby -------------------------------------------------------------------------------------
function lobbyStart(mode) {
  clearError();
  const name = E.name.value.trim();
  if (!name) { showError(E, 'missing_name', 'Enter your name first.'); E.name.focus(); return; }
  let game = name;
  if (mode === 'join') {
    game = E.game.value.trim();
    if (!game) { showError(E, 'missing_game', 'Enter the name of the game to join (your rival’s name).'); E.game.focus(); return; }
  }
  ask.creating = (mode === 'create' && E.inviteOnly.checked) || mode === 'computer';
  ask.computer = mode === 'computer';
  enter(game, name);
  // Move focus into the game screen for keyboard users.
  if (!E.play.hidden) E.gameTitle.focus();
}

function start() {
  S = initialState(def);
  const palette = paletteOf(def);
  buildGrid(E.ownGrid, def.size, {
    act: (r, c) => act('own', r, c),
    focus: (r, c) => setHover({ row: r, col: c }),
    hover: (r, c) => setHover(r == null ? null : { row: r, col: c }),
    key: (ev) => {
      const n = /^[1-9]$/.test(ev.key) ? +ev.key : 0;
      if (!n || !palette[n - 1]) return false;
      select(palette[n - 1]);
      return true;
    },
  });
  buildGrid(E.targetGrid, def.size, { act: (r, c) => act('target', r, c) });
  buildPalette(E, def, (type) => { clearError(); select(type); });
  E.setIslands.addEventListener('click', setIslands);
  E.leave.addEventListener('click', () => { clearError(); leaveChannel(true); });
  E.copyInvite.addEventListener('click', async () => {
    E.inviteLink.select();
    try { await navigator.clipboard.writeText(E.inviteLink.value); setText(E.copyInvite, 'Copied'); }
    catch { try { document.execCommand('copy'); setText(E.copyInvite, 'Copied'); } catch { /* ignore */ } }
    setTimeout(() => setText(E.copyInvite, 'Copy'), 1500);
  });

  const params = new URLSearchParams(location.search);
  const lastName = store.lastName();
  if (params.get('game') && params.get('invitation')) {
    ask.invitation = { game: params.get('game'), secret: params.get('invitation') };
  }
  const session = store.session();
  installReplay(document, () => def); // #watch-replay once the game is over (replay-view.js)
  setAttr(E.app, 'data-ready', 'true');
  if (session && session.game && session.name) {
    E.name.value = session.name;
    if (session.game !== session.name) E.game.value = session.game;
    enter(session.game, session.name);
  } else if (ask.invitation && lastName && lastName !== ask.invitation.game) {
    enter(ask.invitation.game, lastName); // an invitation link opens straight into the game
  } else {
    draw();
    (params.get('game') && lastName ? E.join : E.name).focus();
  }
}

// The lobby answers at once; its actions wait for the game's definition.
const ready = loadDefinition().then((d) => { def = d; start(); }, () => {
  showError(E, 'no_definition', 'Could not load the game from the server. Reload the page.');
  setConn(E, 'offline', 'Server unreachable');
  return Promise.reject(new Error('no definition'));
});
ready.catch(() => { /* said on the page */ });
const whenReady = (fn) => () => { ready.then(fn, () => {}); };
{
  const params = new URLSearchParams(location.search);
  const lastName = store.lastName();
  if (lastName) E.name.value = lastName;
  if (params.get('game')) E.game.value = params.get('game');
}
E.create.addEventListener('click', whenReady(() => lobbyStart('create')));
E.join.addEventListener('click', whenReady(() => lobbyStart('join')));
document.getElementById('play-computer')?.addEventListener('click', whenReady(() => lobbyStart('computer')));
E.form.addEventListener('submit', (ev) => { ev.preventDefault(); whenReady(() => lobbyStart(E.game.value.trim() ? 'join' : 'create'))(); });
for (const input of [E.name, E.game]) {
  input.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Enter') return;
    ev.preventDefault();
    whenReady(() => lobbyStart(E.game.value.trim() && E.game.value.trim() !== E.name.value.trim() ? 'join' : 'create'))();
  });
}

// ---- Lobby list, quick match, rematch (docs/protocol.md §9, §10; lobby.js, match.js) -----------
const rematch = rematchBox({
  push: (cb) => push('rematch', {}, cb),
  over: () => !!(def && S) && phase(def, S) === 'over',
  role: () => (S && S.view ? S.view.role : null),
  opponent: () => {
    const v = S && S.view;
    return v && v.role ? v.players[v.role === 'player1' ? 'player2' : 'player1'] : null;
  },
});

function onRematchEvent(event, payload) {
  if (event !== 'rematch_started') { rematch.event(event, payload); return; }
  if (!payload || typeof payload.game !== 'string' || typeof payload.token !== 'string') return;
  store.setToken(payload.game, S.name, payload.token); // the new game's seat, given by the server
  enter(payload.game, S.name);
}

startLobby({
  name: () => E.name.value.trim(),
  pick: (game) => whenReady(() => { E.game.value = game; lobbyStart('join'); })(),
  matched: (m, name) => whenReady(() => {
    store.setToken(m.game, name, m.token);
    E.name.value = name;
    enter(m.game, name);
  })(),
  error: (reason, text) => showError(E, reason, text),
});
