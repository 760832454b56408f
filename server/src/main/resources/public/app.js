/*
 * Islands web client: plain modern JavaScript, no framework, no build step.
 * Talks to the server over Phoenix Channels V2 with the vendored phoenix.js
 * (global `Phoenix`); the channel protocol is described in docs/protocol.md.
 *
 * Stable hooks for browser tests (Playwright) -----------------------------------------------
 *   #app                  data-phase = lobby | joining | waiting | placing | ready | playing | over
 *                         data-role  = player1 | player2 | ""   (this browser's seat)
 *                         data-turn  = mine | theirs | ""        (only while playing)
 *   #lobby, #play         the two screens (the inactive one has the `hidden` attribute)
 *   #name                 lobby: your screen name
 *   #game                 lobby: name of the game to join (= player 1's screen name)
 *   #create               lobby: create a game named after you (join + new_game)
 *   #invite-only          lobby checkbox (checked by default): the game's second seat needs the
 *                         invitation of the invite link; unchecked, anyone who knows the name joins
 *   #join                 lobby: join the game in #game as #name (join + add_player)
 *   #error                latest error message for the user, empty when none;
 *                         data-reason = the server's raw reason ("overlapping_island",
 *                         "Not your turn.", "unauthorized", ...) or a client reason
 *                         ("missing_name", "missing_game", "already_guessed", "offline", "timeout")
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
 *   #preview-hint         text of the preview verdict
 *   #set-islands          "Set islands" button;  #placed-count  "n of 5 placed"
 *   #target-grid [data-row][data-col]        opponent board cells; data-shot=hit|miss|pending
 *   #fleet [data-fleet=<type>]  opponent islands; data-forested=true once you forested it
 *   #invite-link          invite URL (…/?game=<name>&invitation=<secret>): opens straight into
 *                         the game (joins at once when the browser knows its name)
 *   #leave                leave the game and return to the lobby
 *   #conn                 connection indicator, data-state = idle|connecting|online|offline
 *   #log                  captain's log, newest entry first
 *
 * Keyboard: grid cells use a roving tabindex (Tab enters a grid on one cell); arrow keys,
 * Home/End, PageUp/PageDown move; Enter or Space acts; in your waters keys 1-5 pick an island.
 * Islands never rotate (as in the book).
 *
 * Storage: seat token in localStorage "islands:<game>:<screen_name>"; the current game of this
 * tab in sessionStorage "islands:session" (so a reload rejoins); last name in "islands:name".
 */
(() => {
  'use strict';

  // ---- Game constants (same as the server's engine) ----------------------------------------
  const SIZE = 10;
  const SHAPES = {
    atoll: [[0, 0], [0, 1], [1, 1], [2, 0], [2, 1]],
    dot: [[0, 0]],
    l_shape: [[0, 0], [1, 0], [2, 0], [2, 1]],
    s_shape: [[0, 1], [0, 2], [1, 0], [1, 1]],
    square: [[0, 0], [0, 1], [1, 0], [1, 1]],
  };
  const ISLANDS = ['atoll', 'square', 'l_shape', 's_shape', 'dot']; // palette order, keys 1-5
  const NAMES = { atoll: 'Atoll', dot: 'Dot', l_shape: 'L-shape', s_shape: 'S-shape', square: 'Square' };
  const other = (p) => (p === 'player1' ? 'player2' : 'player1');
  const key = (r, c) => r + ',' + c;
  const inBounds = (r, c) => r >= 1 && r <= SIZE && c >= 1 && c <= SIZE;
  const where = (r, c) => `row ${r}, column ${c}`;

  // ---- DOM helpers --------------------------------------------------------------------------
  const $ = (sel, root = document) => root.querySelector(sel);
  const el = (tag, attrs = {}, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const kid of kids) e.append(kid);
    return e;
  };
  const setText = (node, text) => { if (node.textContent !== text) node.textContent = text; };
  const setAttr = (node, name, value) => {
    if (value === null || value === undefined || value === false) { if (node.hasAttribute(name)) node.removeAttribute(name); }
    else if (node.getAttribute(name) !== String(value)) node.setAttribute(name, String(value));
  };

  // ---- Storage (never fatal: private modes may refuse) -------------------------------------
  const store = {
    get(area, k) { try { return window[area].getItem(k); } catch { return null; } },
    set(area, k, v) { try { window[area].setItem(k, v); } catch { /* ignore */ } },
    del(area, k) { try { window[area].removeItem(k); } catch { /* ignore */ } },
    token: (game, name) => store.get('localStorage', `islands:${game}:${name}`),
    invitation: (game) => store.get('localStorage', `islands:${game}:invitation`),
    setInvitation: (game, secret) => store.set('localStorage', `islands:${game}:invitation`, secret),
    setToken: (game, name, t) => store.set('localStorage', `islands:${game}:${name}`, t),
    session() { try { return JSON.parse(store.get('sessionStorage', 'islands:session')); } catch { return null; } },
    setSession: (s) => store.set('sessionStorage', 'islands:session', JSON.stringify(s)),
    clearSession: () => store.del('sessionStorage', 'islands:session'),
  };

  // ---- Client state ---------------------------------------------------------------------------
  const S = {
    creating: false,   // true from a click on Create until its first join reply: ask for an invitation
    invitation: null,  // {game, secret} from an invitation link
    socket: null,
    channel: null,
    game: null,          // game name (= player 1's screen name)
    name: null,          // my screen name
    view: null,          // last View from the server, patched by broadcasts
    selected: 'atoll',   // island type picked in the palette
    hover: null,         // {row, col} of the own-grid cell under the pointer / focus
    focus: { own: { row: 1, col: 1 }, target: { row: 1, col: 1 } },
    pendingGuess: null,  // key of the target cell we just fired at, until the broadcast
    online: new Map(),   // screen name -> Set of presence refs
    flags: {},           // one-shot actions per join (new_game, add_player)
    pollTimer: null,
    refreshTimer: null,
    fresh: { own: null, target: null }, // cell keys of the latest shots (for the splash animation)
  };

  // ---- Elements -------------------------------------------------------------------------------
  const E = {
    app: $('#app'), lobby: $('#lobby'), play: $('#play'), form: $('#lobby-form'),
    name: $('#name'), game: $('#game'), create: $('#create'), join: $('#join'),
    error: $('#error'), status: $('#status'), lastShot: $('#last-shot'), conn: $('#conn'),
    gameName: $('#game-name'), gameTitle: $('#game-title'), players: $('#players'), invite: $('#invite'),
    inviteLink: $('#invite-link'), inviteOnly: $('#invite-only'), copyInvite: $('#copy-invite'), leave: $('#leave'),
    palette: $('#palette'), previewHint: $('#preview-hint'), placement: $('#placement'),
    ownGrid: $('#own-grid'), targetGrid: $('#target-grid'), ownCaption: $('#own-caption'),
    targetCaption: $('#target-caption'), setIslands: $('#set-islands'), placedCount: $('#placed-count'),
    fleet: $('#fleet'), log: $('#log'),
  };

  // ---- Messages for the server's error reasons -----------------------------------------------
  function reasonText(event, reason) {
    const v = S.view;
    const opp = opponentName();
    switch (reason) {
      case 'invalid_coordinate':
        return event === 'guess_coordinate'
          ? 'That cell is off the board: rows and columns go from 1 to 10.'
          : `The ${NAMES[S.selected] || 'island'} would run off the board there: every cell must be within rows and columns 1 to 10.`;
      case 'invalid_island_type': return 'The server does not know that island type.';
      case 'overlapping_island': return 'Islands cannot overlap: that spot covers another of your islands.';
      case 'not_all_islands_positioned': return 'Place all five islands before setting them.';
      case 'Not your turn.':
        if (v && v.state === 'game_over') return 'The game is over: no more guesses.';
        if (v && v.state === 'players_set') return 'The battle has not started yet: both captains must set their islands first.';
        return `Not your turn: wait for ${opp}.`;
      case 'unauthorized':
        return 'Not allowed: this seat cannot do that in this game.';
      case 'already_started': return 'That game has already started.';
      case 'unknown_event': return 'The server did not understand that request.';
      case 'invalid_params': return 'The server needs your name to join.';
      case 'invalid_name': return 'Names are letters, digits, _ or - only.';
      case 'error':
        if (event === 'add_player') return 'Could not take the second seat: this game already has two players.';
        if (event === 'position_island' || event === 'set_islands') {
          if (v && v.role && v.islands_set && v.islands_set[v.role]) return 'Your islands are already set: they cannot move any more.';
          if (v && (v.state === 'initialized' || !v.players.player2)) return 'Wait for an opponent to join before placing islands.';
          return 'Islands cannot be placed at this point of the game.';
        }
        return 'The game refused that move.';
      default:
        return reason ? `The server refused: ${reason}` : 'The server refused that request.';
    }
  }

  function showError(reason, text) {
    setAttr(E.error, 'data-reason', reason || '');
    setText(E.error, text || '');
  }
  const clearError = () => showError('', '');

  // ---- Logging ----------------------------------------------------------------------------------
  function addLog(text, kind = 'info') {
    const li = el('li', { class: 'log-' + kind }, el('time', { text: new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) }), ' ', text);
    E.log.prepend(li);
    while (E.log.children.length > 60) E.log.lastChild.remove();
  }

  // ---- Socket & channel -----------------------------------------------------------------------
  function setConn(state, text) {
    setAttr(E.conn, 'data-state', state);
    setText($('.conn-text', E.conn), text);
  }

  function ensureSocket() {
    if (S.socket) return S.socket;
    if (!window.Phoenix) { showError('no_client', 'The game client failed to load. Reload the page.'); return null; }
    const socket = new window.Phoenix.Socket('/socket', {});
    socket.onOpen(() => { if (S.socket === socket) setConn('online', 'Online'); });
    socket.onError(() => { if (S.socket === socket) setConn('offline', 'Connection lost: reconnecting…'); });
    socket.onClose(() => {
      if (S.socket !== socket) return;
      if (S.channel) setConn('offline', 'Connection lost: reconnecting…');
      S.online = new Map();
      if (S.channel) renderPlayers();
    });
    setConn('connecting', 'Connecting…');
    socket.connect();
    S.socket = socket;
    return socket;
  }

  function joinGame(game, name) {
    leaveChannel(false);
    const socket = ensureSocket();
    if (!socket) return;
    S.game = game;
    S.name = name;
    S.view = null;
    S.flags = {};
    S.online = new Map();
    S.pendingGuess = null;
    S.hover = null;
    E.log.replaceChildren();
    store.setSession({ game, name });
    store.set('localStorage', 'islands:name', name);

    // Join params are a closure: phoenix.js re-evaluates them on every rejoin (after a network
    // drop or a server restart), so the seat token is sent as soon as we have it.
    const params = () => {
      const token = store.token(game, name);
      const p = token ? { screen_name: name, token } : { screen_name: name };
      if (name === game && S.creating) p.invite = true; // only the creator's first join: a rejoin keeps the link valid
      if (name !== game && S.invitation && S.invitation.game === game) p.invitation = S.invitation.secret;
      return p;
    };
    const ch = socket.channel('game:' + game, params);
    S.channel = ch;
    const mine = (fn) => (...args) => { if (S.channel === ch) fn(...args); };

    ch.on('player_added', mine(onPlayerAdded));
    ch.on('player_set_islands', mine(onPlayerSetIslands));
    ch.on('player_guessed_coordinate', mine(onGuessed));
    ch.on('presence_diff', mine(onPresenceDiff));
    ch.on('subscribers', mine(onSubscribers));
    ch.onError(mine(() => {
      // Presence is unknown until the rejoin; show_subscribers refreshes it.
      S.online = new Map();
      renderPlayers();
      if (socket.isConnected()) setConn('connecting', 'Rejoining…');
    }));

    ch.onClose(mine(() => {
      // The server closed the game's topic: the game was stopped or has ended.
      leaveChannel(true);
      showError('game_closed', `The game “${game}” has ended on the server.`);
    }));

    ch.join()
      .receive('ok', mine(onJoined))
      .receive('error', mine(onJoinError))
      .receive('timeout', mine(() => setConn('connecting', 'Still trying to reach the game…')));
    render();
  }

  function leaveChannel(toLobby = true) {
    clearTimeout(S.pollTimer);
    clearTimeout(S.refreshTimer);
    if (S.channel) {
      const ch = S.channel;
      S.channel = null;
      try { ch.leave(); } catch { /* ignore */ }
    }
    if (toLobby) {
      S.view = null;
      store.clearSession();
      // No game, no connection: a new one is opened on the next join.
      if (S.socket) {
        const socket = S.socket;
        S.socket = null;
        try { socket.disconnect(); } catch { /* ignore */ }
      }
      setConn('idle', 'Not connected');
      render();
      E.name.focus();
    }
  }

  function onJoined(resp) {
    resp = resp || {};
    if (resp.token) store.setToken(S.game, S.name, resp.token);
    if (resp.invitation) store.setInvitation(S.game, resp.invitation);
    S.creating = false;
    setConn('online', 'Online');
    S.flags = {};
    if (resp.view) setView(resp.view);
    addLog(`Joined game ${S.game} as ${S.name}.`);
    push('show_subscribers', {}, { quiet: true, noReply: true });
    advance();
  }

  function onJoinError(resp) {
    const reason = (resp && resp.reason) || 'error';
    const game = S.game, name = S.name;
    leaveChannel(true); // stops phoenix.js from retrying the refused join
    E.game.value = name === game ? E.game.value : game;
    E.name.value = name;
    let text;
    if (reason === 'unauthorized') {
      text = `Cannot join game “${game}” as “${name}”: the game already has two players, or “${name}” is already seated there (from another browser).`;
    } else if (reason === 'invalid_params') {
      text = 'The server needs your name to join.';
    } else if (reason === 'invitation_required') {
      text = `The game “${game}” is by invitation only: open the link its creator shared with you.`;
    } else if (reason === 'invalid_name') {
      const which = resp.field === 'game' ? `The game name “${game}”` : `The name “${name}”`;
      text = `${which} is not allowed: names are ${resp.rule || 'letters, digits, _ or -'}.`;
    } else {
      text = `Could not join game “${game}”: ${reason}.`;
    }
    showError(reason, text);
  }

  // Generic push with reply handling. `noReply` events (add_player, guess_coordinate,
  // show_subscribers) succeed silently, so their timeout is not an error.
  function push(event, payload, opts = {}) {
    const ch = S.channel;
    if (!ch) return false;
    if (!ch.canPush()) {
      if (!opts.quiet) showError('offline', 'Not connected to the game right now: reconnecting, try again in a moment.');
      return false;
    }
    ch.push(event, payload)
      .receive('ok', (r) => { if (S.channel === ch && opts.ok) opts.ok(r || {}); })
      .receive('error', (r) => {
        if (S.channel !== ch) return;
        r = r || {};
        if (opts.error && opts.error(r) !== false) return;
        showError(r.reason || 'error', reasonText(event, r.reason));
      })
      .receive('timeout', () => {
        if (S.channel !== ch) return;
        if (opts.timeout) opts.timeout();
        else if (!opts.noReply && !opts.quiet) showError('timeout', 'The server did not answer in time. Please try again.');
      });
    return true;
  }

  function refreshView(delay = 0) {
    clearTimeout(S.refreshTimer);
    S.refreshTimer = setTimeout(() => {
      push('view', {}, { quiet: true, ok: (r) => { if (r.view) { setView(r.view); advance(); } } });
    }, delay);
  }

  // Drive the seat forward: player 1 starts the game, player 2 takes the second seat.
  function advance() {
    const v = S.view;
    clearTimeout(S.pollTimer);
    if (!v || !S.channel) return;
    if (!v.started) {
      if (S.name === S.game) {
        if (!S.flags.newGame) {
          S.flags.newGame = true;
          push('new_game', {}, {
            ok: () => { addLog(`Game ${S.game} created.`); refreshView(); },
            error: (r) => { if (r.reason === 'already_started') { refreshView(); return true; } S.flags.newGame = false; return false; },
            timeout: () => { S.flags.newGame = false; refreshView(); },
          });
        }
      } else {
        // No broadcast announces new_game: poll the view until player 1 has created the game.
        S.pollTimer = setTimeout(() => refreshView(), 2000);
      }
      return;
    }
    if (v.role === null && S.name !== S.game && !S.flags.addPlayer) {
      S.flags.addPlayer = true;
      push('add_player', S.name, {
        noReply: true,
        error: () => { /* keep the flag: retrying would fail the same way */ return false; },
        timeout: () => { S.flags.addPlayer = false; refreshView(); },
      });
    }
  }

  // ---- Broadcast handlers ---------------------------------------------------------------------
  function onPlayerAdded(payload) {
    addLog((payload && payload.message) || 'A player joined.', 'join');
    if (S.view && S.view.started && S.view.state === 'initialized') S.view.state = 'players_set';
    refreshView();
  }

  function onPlayerSetIslands(payload) {
    const p = payload && payload.player;
    const v = S.view;
    if (v && (p === 'player1' || p === 'player2')) {
      v.islands_set[p] = true;
      if (v.islands_set.player1 && v.islands_set.player2 && v.state === 'players_set') v.state = 'player1_turn';
      addLog(p === v.role ? 'You set your islands.' : `${playerName(p)} set their islands.`, 'set');
      if (v.state === 'player1_turn') addLog('Both archipelagos are set: the battle begins!', 'set');
      render();
    }
    refreshView(100);
  }

  const hasCoord = (list, r, c) => list.some((x) => x.row === r && x.col === c);
  const addCoord = (list, r, c) => { if (!hasCoord(list, r, c)) list.push({ row: r, col: c }); };

  function onGuessed(payload) {
    const v = S.view;
    if (!payload || !v) return;
    const { player, row, col } = payload;
    const result = payload.result || {};
    const hit = result.hit === true;
    const island = result.island && result.island !== 'none' ? result.island : null;
    const win = result.win === 'win';
    const at = where(row, col);
    let text;
    if (player === v.role) {
      addCoord(hit ? v.guesses.hits : v.guesses.misses, row, col);
      if (island && !v.forested.includes(island)) v.forested.push(island);
      S.pendingGuess = null;
      S.fresh.target = key(row, col);
      clearError();
      text = !hit ? `You fired at ${at}: splash, a miss.`
        : win ? `You fired at ${at}: hit! You forested their ${NAMES[island] || 'last island'}. All their islands are forested!`
          : island ? `You fired at ${at}: hit! You forested their ${NAMES[island]}.`
            : `You fired at ${at}: hit!`;
    } else {
      const opp = playerName(player);
      addCoord(hit ? v.opponent_guesses.hits : v.opponent_guesses.misses, row, col);
      let mineHit = null;
      for (const [type, isl] of Object.entries(v.board || {})) {
        if (hasCoord(isl.coordinates, row, col)) { addCoord(isl.hit_coordinates, row, col); mineHit = type; }
      }
      S.fresh.own = key(row, col);
      text = !hit ? `${opp} fired at ${at}: a miss.`
        : island ? `${opp} fired at ${at}: hit! Your ${NAMES[island]} is forested.`
          : `${opp} fired at ${at}: hit on your ${NAMES[mineHit] || 'island'}.`;
    }
    if (win) { v.state = 'game_over'; v.winner = player; } else if (player === 'player1' || player === 'player2') { v.state = other(player) + '_turn'; }
    setText(E.lastShot, text);
    addLog(text, hit ? 'hit' : 'miss');
    if (win) addLog(player === v.role ? 'Victory! You win the game.' : `${playerName(player)} wins the game.`, 'win');
    render();
    refreshView(150);
  }

  function onPresenceDiff(diff) {
    if (!diff) return;
    for (const [name, entry] of Object.entries(diff.leaves || {})) {
      const refs = S.online.get(name);
      if (!refs) continue;
      for (const m of (entry && entry.metas) || []) refs.delete(m.phx_ref);
      if (refs.size === 0) S.online.delete(name);
    }
    for (const [name, entry] of Object.entries(diff.joins || {})) {
      const refs = S.online.get(name) || new Set();
      for (const m of (entry && entry.metas) || []) refs.add(m.phx_ref);
      S.online.set(name, refs);
      if (name !== S.name) addLog(`${name} is here.`, 'join');
    }
    for (const name of Object.keys(diff.leaves || {})) if (!S.online.has(name) && name !== S.name) addLog(`${name} left.`, 'leave');
    renderPlayers();
  }

  function onSubscribers(list) {
    S.online = new Map();
    for (const [name, entry] of Object.entries(list || {})) {
      S.online.set(name, new Set(((entry && entry.metas) || []).map((m) => m.phx_ref)));
    }
    renderPlayers();
  }

  // ---- View normalisation -------------------------------------------------------------------
  function setView(v) {
    const list = (x) => (Array.isArray(x) ? x.filter((c) => c && Number.isInteger(c.row) && Number.isInteger(c.col)) : []);
    const guesses = (g) => ({ hits: list(g && g.hits), misses: list(g && g.misses) });
    const board = {};
    for (const [type, isl] of Object.entries(v.board || {})) {
      board[type] = { coordinates: list(isl && isl.coordinates), hit_coordinates: list(isl && isl.hit_coordinates) };
    }
    S.view = {
      game: v.game || S.game,
      role: v.role === 'player1' || v.role === 'player2' ? v.role : null,
      started: !!v.started,
      state: v.state || 'initialized',
      players: { player1: (v.players && v.players.player1) || S.game, player2: (v.players && v.players.player2) || null },
      islands_set: { player1: !!(v.islands_set && v.islands_set.player1), player2: !!(v.islands_set && v.islands_set.player2) },
      board,
      guesses: guesses(v.guesses),
      opponent_guesses: guesses(v.opponent_guesses),
      forested: Array.isArray(v.forested) ? v.forested.slice() : [],
      winner: v.winner || null,
    };
    if (S.pendingGuess) {
      const [r, c] = S.pendingGuess.split(',').map(Number);
      if (hasCoord(S.view.guesses.hits, r, c) || hasCoord(S.view.guesses.misses, r, c)) S.pendingGuess = null;
    }
    // Keep the palette selection on an island still to place.
    if (S.view.board[S.selected] && phase() === 'placing') selectNextUnplaced(false);
    render();
  }

  function playerName(p) {
    const v = S.view;
    if (!v) return p;
    return v.players[p] || (p === 'player2' ? 'your opponent' : p);
  }
  function opponentName() {
    const v = S.view;
    if (!v) return 'your opponent';
    const me = v.role || (S.name === S.game ? 'player1' : 'player2');
    return v.players[other(me)] || 'your opponent';
  }

  function phase() {
    if (!S.channel) return 'lobby';
    const v = S.view;
    if (!v) return 'joining';
    if (!v.started || !v.role || v.state === 'initialized') return 'waiting';
    if (v.state === 'players_set') return v.islands_set[v.role] ? 'ready' : 'placing';
    if (v.state === 'game_over') return 'over';
    return 'playing';
  }
  const myTurn = () => S.view && S.view.role && S.view.state === S.view.role + '_turn';

  // ---- Placement --------------------------------------------------------------------------------
  function shapeCells(type, row, col) {
    return (SHAPES[type] || []).map(([dr, dc]) => ({ row: row + dr, col: col + dc }));
  }
  function landMap() {
    const m = new Map();
    for (const [type, isl] of Object.entries((S.view && S.view.board) || {})) {
      for (const c of isl.coordinates) m.set(key(c.row, c.col), type);
    }
    return m;
  }
  function previewOf(type, row, col) {
    const cells = shapeCells(type, row, col);
    const land = landMap();
    const off = cells.filter((c) => !inBounds(c.row, c.col));
    const clash = cells.filter((c) => inBounds(c.row, c.col) && land.has(key(c.row, c.col)) && land.get(key(c.row, c.col)) !== type);
    const verdict = off.length ? 'off' : clash.length ? 'bad' : 'ok';
    return { cells, off, clash, verdict, clashWith: clash.length ? land.get(key(clash[0].row, clash[0].col)) : null };
  }

  function selectIsland(type, announce = true) {
    if (!SHAPES[type]) return;
    S.selected = type;
    renderPalette();
    renderOwnGrid();
    if (announce) setText(E.previewHint, `${NAMES[type]} selected.` + (S.view && S.view.board[type] ? ' Placing it again moves it.' : ''));
  }
  function selectNextUnplaced(announce = true) {
    const board = (S.view && S.view.board) || {};
    const start = ISLANDS.indexOf(S.selected);
    for (let i = 1; i <= ISLANDS.length; i++) {
      const t = ISLANDS[(start + i) % ISLANDS.length];
      if (!board[t]) { selectIsland(t, announce); return; }
    }
  }

  function placeAt(row, col) {
    const v = S.view;
    if (!v) return;
    clearError();
    if (!v.role) { showError('unauthorized', reasonText('position_island', 'unauthorized')); return; }
    const type = S.selected;
    const wasPlaced = !!v.board[type];
    push('position_island', { player: v.role, island: type, row, col }, {
      ok: () => {
        v.board[type] = { coordinates: shapeCells(type, row, col), hit_coordinates: [] };
        addLog(`${wasPlaced ? 'Moved' : 'Placed'} your ${NAMES[type]} at ${where(row, col)}.`, 'place');
        if (!wasPlaced) selectNextUnplaced(false);
        setText(E.previewHint, `${NAMES[type]} ${wasPlaced ? 'moved' : 'placed'} at ${where(row, col)}.`);
        render();
        refreshView(50);
      },
    });
  }

  function setIslands() {
    const v = S.view;
    if (!v) return;
    clearError();
    if (!v.role) { showError('unauthorized', reasonText('set_islands', 'unauthorized')); return; }
    push('set_islands', v.role, {
      ok: (r) => {
        if (r.board && typeof r.board === 'object') {
          const cur = S.view;
          setView({ ...cur, board: r.board, islands_set: { ...cur.islands_set, [cur.role]: true } });
        }
        refreshView(50);
      },
    });
  }

  function fireAt(row, col) {
    const v = S.view;
    if (!v) return;
    clearError();
    if (!v.role) { showError('unauthorized', reasonText('guess_coordinate', 'unauthorized')); return; }
    if (hasCoord(v.guesses.hits, row, col) || hasCoord(v.guesses.misses, row, col)) {
      showError('already_guessed', `You already fired at ${where(row, col)}: pick fresh waters.`);
      return;
    }
    if (S.pendingGuess) return; // one shot in flight at a time
    const k = key(row, col);
    const sent = push('guess_coordinate', { player: v.role, row, col }, {
      noReply: true,
      error: () => { S.pendingGuess = null; renderTargetGrid(); return false; },
      timeout: () => { S.pendingGuess = null; renderTargetGrid(); refreshView(); },
    });
    if (sent) { S.pendingGuess = k; renderTargetGrid(); }
  }

  // ---- Grid building & keyboard ----------------------------------------------------------------
  function buildGrid(container, which) {
    const head = el('div', { class: 'grid-row grid-head', 'aria-hidden': 'true' }, el('span', { class: 'grid-corner' }));
    for (let c = 1; c <= SIZE; c++) head.append(el('span', { class: 'grid-label', text: String(c) }));
    container.append(head);
    for (let r = 1; r <= SIZE; r++) {
      const row = el('div', { class: 'grid-row', role: 'row', 'aria-label': `Row ${r}` }, el('span', { class: 'grid-label', 'aria-hidden': 'true', text: String(r) }));
      for (let c = 1; c <= SIZE; c++) {
        row.append(el('div', {
          class: 'cell', role: 'gridcell', tabindex: r === 1 && c === 1 ? '0' : '-1',
          'data-row': String(r), 'data-col': String(c), 'aria-label': `Row ${r}, column ${c}`,
        }, el('span', { class: 'land', 'aria-hidden': 'true' }), el('span', { class: 'ring', 'aria-hidden': 'true' })));
      }
      container.append(row);
    }
    container.addEventListener('click', (ev) => {
      const cell = ev.target.closest('.cell');
      if (!cell) return;
      const r = +cell.dataset.row, c = +cell.dataset.col;
      moveFocus(which, r, c, false);
      act(which, r, c);
    });
    container.addEventListener('keydown', (ev) => onGridKey(ev, which));
    container.addEventListener('focusin', (ev) => {
      const cell = ev.target.closest('.cell');
      if (!cell) return;
      S.focus[which] = { row: +cell.dataset.row, col: +cell.dataset.col };
      if (which === 'own') setHover(+cell.dataset.row, +cell.dataset.col);
    });
    if (which === 'own') {
      container.addEventListener('pointerover', (ev) => {
        const cell = ev.target.closest('.cell');
        if (cell) setHover(+cell.dataset.row, +cell.dataset.col);
      });
      container.addEventListener('pointerleave', () => {
        if (!container.contains(document.activeElement)) setHover(null);
        else setHover(S.focus.own.row, S.focus.own.col);
      });
      container.addEventListener('focusout', (ev) => { if (!container.contains(ev.relatedTarget)) setHover(null); });
    }
  }

  function cellOf(which, r, c) {
    const grid = which === 'own' ? E.ownGrid : E.targetGrid;
    return grid.querySelector(`.cell[data-row="${r}"][data-col="${c}"]`);
  }

  function moveFocus(which, r, c, focus = true) {
    r = Math.min(SIZE, Math.max(1, r));
    c = Math.min(SIZE, Math.max(1, c));
    const grid = which === 'own' ? E.ownGrid : E.targetGrid;
    const prev = grid.querySelector('.cell[tabindex="0"]');
    const next = cellOf(which, r, c);
    if (prev && prev !== next) prev.setAttribute('tabindex', '-1');
    next.setAttribute('tabindex', '0');
    S.focus[which] = { row: r, col: c };
    if (focus) next.focus();
  }

  function onGridKey(ev, which) {
    const cell = ev.target.closest('.cell');
    if (!cell || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const r = +cell.dataset.row, c = +cell.dataset.col;
    const moves = {
      ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1],
      Home: [r, 1], End: [r, SIZE], PageUp: [1, c], PageDown: [SIZE, c],
    };
    if (moves[ev.key]) {
      ev.preventDefault();
      moveFocus(which, ...moves[ev.key]);
    } else if (ev.key === 'Enter' || ev.key === ' ' || ev.key === 'Spacebar') {
      ev.preventDefault();
      act(which, r, c);
    } else if (which === 'own' && /^[1-5]$/.test(ev.key)) {
      ev.preventDefault();
      selectIsland(ISLANDS[+ev.key - 1]);
    }
  }

  function act(which, r, c) {
    const ph = phase();
    if (which === 'own') {
      if (ph === 'placing') placeAt(r, c);
      else if (ph === 'ready' || ph === 'playing' || ph === 'over') setText(E.previewHint, '');
      else if (ph === 'waiting') placeAt(r, c); // let the server explain why not yet
    } else {
      fireAt(r, c);
    }
  }

  function setHover(r, c) {
    const next = r == null ? null : { row: r, col: c };
    const same = (S.hover && next && S.hover.row === next.row && S.hover.col === next.col) || (!S.hover && !next);
    if (same) return;
    S.hover = next;
    renderOwnGrid();
    renderPreviewHint();
  }

  // ---- Rendering --------------------------------------------------------------------------------
  function render() {
    const ph = phase();
    const v = S.view;
    setAttr(E.app, 'data-phase', ph);
    setAttr(E.app, 'data-role', (v && v.role) || '');
    setAttr(E.app, 'data-turn', ph === 'playing' ? (myTurn() ? 'mine' : 'theirs') : '');
    const inLobby = ph === 'lobby';
    E.lobby.hidden = !inLobby;
    E.play.hidden = inLobby;
    document.title = inLobby ? 'Islands' : (ph === 'playing' && myTurn() ? '● Your turn · Islands' : `Islands · ${S.game}`);
    if (inLobby) return;
    setText(E.gameName, S.game || '');
    renderPlayers();
    renderStatus();
    renderInvite();
    renderPalette();
    renderOwnGrid();
    renderPreviewHint();
    renderTargetGrid();
    renderFleet();
    renderSetButton();
  }

  function renderPlayers() {
    const v = S.view;
    for (const p of ['player1', 'player2']) {
      const chip = E.players.querySelector(`[data-player="${p}"]`);
      const name = v ? v.players[p] : (p === 'player1' ? S.game : null);
      const isMe = (v && v.role === p) || (!v && p === 'player1' && S.name === S.game);
      setText($('.player-name', chip), name || 'open seat');
      setText($('.player-tag', chip), isMe ? 'you' : '');
      setAttr(chip, 'data-online', String(!!(name && S.online.has(name))));
      setAttr(chip, 'data-empty', name ? null : 'true');
      const turn = v && v.state === p + '_turn';
      setAttr(chip, 'data-turn', turn ? 'true' : null);
      setAttr(chip, 'data-winner', v && v.winner === p ? 'true' : null);
      chip.setAttribute('aria-label', `${p === 'player1' ? 'Player 1' : 'Player 2'}: ${name || 'open seat'}${isMe ? ' (you)' : ''}${name ? (S.online.has(name) ? ', online' : ', offline') : ''}${turn ? ', to move' : ''}`);
    }
  }

  function statusText() {
    const ph = phase();
    const v = S.view;
    const opp = opponentName();
    switch (ph) {
      case 'joining': return `Joining game ${S.game}…`;
      case 'waiting':
        if (!v.started) return S.name === S.game ? 'Creating your game…' : `Waiting for ${S.game} to open the game…`;
        if (!v.role) return 'Taking the second seat…';
        return `Waiting for an opponent: tell them to join game “${S.game}”.`;
      case 'placing': {
        const n = Object.keys(v.board).length;
        const tail = v.islands_set[other(v.role)] ? ` ${opp} is ready and waiting.` : '';
        return n < 5 ? `Place your islands (${n} of 5), then press Set islands.${tail}` : `All five islands placed: press Set islands when you are happy.${tail}`;
      }
      case 'ready': return `Islands set. Waiting for ${opp} to set theirs…`;
      case 'playing': return myTurn() ? 'Your turn: fire at enemy waters.' : `${opp}'s turn: brace yourself…`;
      case 'over':
        if (v.winner === v.role) return `You won! Every one of ${opp}'s islands is forested.`;
        if (v.winner) return `${playerName(v.winner)} won. All your islands are forested.`;
        return 'Game over.';
      default: return '';
    }
  }

  function renderStatus() {
    setText(E.status, statusText());
    const ph = phase();
    setAttr(E.status, 'data-tone', ph === 'over' ? (S.view.winner === S.view.role ? 'win' : 'lose') : ph === 'playing' && myTurn() ? 'go' : null);
  }

  function renderInvite() {
    const show = phase() === 'waiting' && S.name === S.game;
    E.invite.hidden = !show;
    if (show) {
      const url = new URL(location.href);
      const secret = store.invitation(S.game);
      url.search = '?game=' + encodeURIComponent(S.game) + (secret ? '&invitation=' + encodeURIComponent(secret) : '');
      url.hash = '';
      if (E.inviteLink.value !== url.href) E.inviteLink.value = url.href;
    }
  }

  function miniShape(type) {
    const box = el('span', { class: 'mini', 'aria-hidden': 'true' });
    const cells = new Set(SHAPES[type].map(([r, c]) => key(r, c)));
    const rows = Math.max(...SHAPES[type].map(([r]) => r)) + 1;
    const cols = Math.max(...SHAPES[type].map(([, c]) => c)) + 1;
    box.style.setProperty('--cols', cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) box.append(el('span', { class: cells.has(key(r, c)) ? 'mini-land' : 'mini-sea' }));
    return box;
  }

  function renderPalette() {
    if (!E.palette.children.length) {
      ISLANDS.forEach((type, i) => {
        const b = el('button', { type: 'button', class: 'isle-btn', 'data-island': type, 'aria-pressed': 'false' },
          miniShape(type), el('span', { class: 'isle-name', text: NAMES[type] }),
          el('span', { class: 'isle-key', 'aria-hidden': 'true', text: String(i + 1) }),
          el('span', { class: 'isle-check', 'aria-hidden': 'true' }));
        b.addEventListener('click', () => { clearError(); selectIsland(type); });
        E.palette.append(b);
      });
    }
    const board = (S.view && S.view.board) || {};
    for (const b of E.palette.children) {
      const type = b.dataset.island;
      setAttr(b, 'aria-pressed', String(type === S.selected));
      setAttr(b, 'data-placed', board[type] ? 'true' : null);
      setAttr(b, 'aria-label', `${NAMES[type]}, ${SHAPES[type].length} cell${SHAPES[type].length > 1 ? 's' : ''}${board[type] ? ', placed' : ', not placed'}`);
    }
    const ph = phase();
    E.placement.hidden = !(ph === 'placing' || ph === 'waiting');
  }

  function renderPreviewHint() {
    const ph = phase();
    if (ph !== 'placing') { setText(E.previewHint, ph === 'waiting' ? 'You can place islands once your opponent has joined.' : ''); return; }
    if (!S.hover) return;
    const { row, col } = S.hover;
    const p = previewOf(S.selected, row, col);
    const name = NAMES[S.selected];
    const placed = S.view && S.view.board[S.selected];
    let text;
    if (p.verdict === 'off') text = `${name} at ${where(row, col)} would run off the board.`;
    else if (p.verdict === 'bad') text = `${name} at ${where(row, col)} would overlap your ${NAMES[p.clashWith]}.`;
    else text = `${name} fits at ${where(row, col)}: ${placed ? 'press Enter or click to move it here' : 'press Enter or click to place it'}.`;
    setText(E.previewHint, text);
    setAttr(E.previewHint, 'data-verdict', p.verdict);
  }

  function labelFor(r, c, parts) { return `Row ${r}, column ${c}: ${parts.filter(Boolean).join(', ')}`; }

  function renderOwnGrid() {
    const v = S.view;
    const board = (v && v.board) || {};
    const land = new Map();
    const hits = new Set();
    const forested = new Set();
    for (const [type, isl] of Object.entries(board)) {
      for (const c of isl.coordinates) land.set(key(c.row, c.col), type);
      for (const c of isl.hit_coordinates) hits.add(key(c.row, c.col));
      if (isl.coordinates.length && isl.hit_coordinates.length >= isl.coordinates.length &&
        isl.coordinates.every((c) => hasCoord(isl.hit_coordinates, c.row, c.col))) forested.add(type);
    }
    const og = (v && v.opponent_guesses) || { hits: [], misses: [] };
    for (const c of og.hits) hits.add(key(c.row, c.col));
    const misses = new Set(og.misses.map((c) => key(c.row, c.col)));

    let preview = null;
    const ph = phase();
    if (ph === 'placing' && S.hover) preview = previewOf(S.selected, S.hover.row, S.hover.col);
    const pv = new Map();
    if (preview) for (const c of preview.cells) if (inBounds(c.row, c.col)) pv.set(key(c.row, c.col), preview.verdict === 'ok' ? 'ok' : 'bad');
    setAttr(E.ownGrid, 'data-preview', preview ? preview.verdict : null);

    for (let r = 1; r <= SIZE; r++) {
      for (let c = 1; c <= SIZE; c++) {
        const cell = cellOf('own', r, c);
        const k = key(r, c);
        const type = land.get(k) || null;
        const shot = hits.has(k) && type ? 'hit' : misses.has(k) ? 'miss' : null;
        setAttr(cell, 'data-land', type);
        setAttr(cell, 'data-shot', shot);
        setAttr(cell, 'data-forested', type && forested.has(type) ? 'true' : null);
        setAttr(cell, 'data-preview', pv.get(k) || null);
        setAttr(cell, 'data-anchor', preview && S.hover.row === r && S.hover.col === c ? 'true' : null);
        setAttr(cell, 'data-fresh', S.fresh.own === k ? 'true' : null);
        if (type) {
          // Round only the outer corners of an island so it reads as one landmass;
          // --et/--eb/--el/--er = 1 where that side is coast (CSS draws a beach there).
          const coast = (dr, dc) => (land.get(key(r + dr, c + dc)) === type ? '0' : '1');
          cell.style.setProperty('--et', coast(-1, 0));
          cell.style.setProperty('--eb', coast(1, 0));
          cell.style.setProperty('--el', coast(0, -1));
          cell.style.setProperty('--er', coast(0, 1));
        } else if (cell.style.length) {
          cell.removeAttribute('style');
        }
        setAttr(cell, 'aria-label', labelFor(r, c, [
          type ? `your ${NAMES[type]}` : 'water',
          shot === 'hit' ? (forested.has(type) ? 'hit, island forested' : 'hit') : shot === 'miss' ? 'enemy missed here' : null,
        ]));
      }
    }
    const ownCaption = {
      placing: 'Place your islands', ready: 'Islands set', playing: 'Under fire', over: 'Final board', waiting: 'Waiting for a rival', joining: '',
    }[ph] || '';
    setText(E.ownCaption, ownCaption);
  }

  function renderTargetGrid() {
    const v = S.view;
    const g = (v && v.guesses) || { hits: [], misses: [] };
    const hits = new Set(g.hits.map((c) => key(c.row, c.col)));
    const misses = new Set(g.misses.map((c) => key(c.row, c.col)));
    const ph = phase();
    const armed = ph === 'playing' && myTurn() && !S.pendingGuess;
    setAttr(E.targetGrid, 'data-armed', armed ? 'true' : 'false');
    setAttr(E.targetGrid, 'aria-disabled', ph === 'playing' ? null : 'true');
    for (let r = 1; r <= SIZE; r++) {
      for (let c = 1; c <= SIZE; c++) {
        const cell = cellOf('target', r, c);
        const k = key(r, c);
        const shot = hits.has(k) ? 'hit' : misses.has(k) ? 'miss' : S.pendingGuess === k ? 'pending' : null;
        setAttr(cell, 'data-shot', shot);
        setAttr(cell, 'data-fresh', S.fresh.target === k ? 'true' : null);
        setAttr(cell, 'aria-label', labelFor(r, c, [
          shot === 'hit' ? 'hit, land' : shot === 'miss' ? 'miss, water' : shot === 'pending' ? 'firing…' : 'unexplored',
        ]));
      }
    }
    const caption = ph === 'playing' ? (myTurn() ? 'Your shot' : 'Their shot') : ph === 'over' ? 'Battle over' : 'Hidden until battle';
    setText(E.targetCaption, caption);
  }

  function renderFleet() {
    const v = S.view;
    const forested = new Set((v && v.forested) || []);
    if (!E.fleet.children.length) {
      for (const type of ISLANDS) {
        E.fleet.append(el('li', { class: 'fleet-item', 'data-fleet': type }, miniShape(type), el('span', { class: 'fleet-name', text: NAMES[type] })));
      }
    }
    for (const li of E.fleet.children) {
      const f = forested.has(li.dataset.fleet);
      setAttr(li, 'data-forested', f ? 'true' : null);
      setAttr(li, 'aria-label', `${NAMES[li.dataset.fleet]}: ${f ? 'forested' : 'still hidden'}`);
    }
  }

  function renderSetButton() {
    const v = S.view;
    const ph = phase();
    const n = v ? Object.keys(v.board).length : 0;
    const show = ph === 'placing' || ph === 'waiting';
    E.setIslands.hidden = !show;
    E.placedCount.hidden = !show;
    setText(E.placedCount, `${n} of 5 placed`);
    setAttr(E.setIslands, 'data-ready', n === 5 ? 'true' : 'false');
    setAttr(E.setIslands, 'aria-describedby', 'placed-count');
  }

  // ---- Lobby ----------------------------------------------------------------------------------
  function lobbyStart(mode) {
    clearError();
    const name = E.name.value.trim();
    if (!name) { showError('missing_name', 'Enter your name first.'); E.name.focus(); return; }
    let game = name;
    if (mode === 'join') {
      game = E.game.value.trim();
      if (!game) { showError('missing_game', 'Enter the name of the game to join (your rival’s name).'); E.game.focus(); return; }
    }
    S.creating = mode === 'create' && E.inviteOnly.checked;
    joinGame(game, name);
    // Move focus into the game screen for keyboard users.
    if (!E.play.hidden) E.gameTitle.focus();
  }

  function init() {
    buildGrid(E.ownGrid, 'own');
    buildGrid(E.targetGrid, 'target');
    renderPalette();
    renderFleet();

    E.create.addEventListener('click', () => lobbyStart('create'));
    E.join.addEventListener('click', () => lobbyStart('join'));
    E.form.addEventListener('submit', (ev) => { ev.preventDefault(); lobbyStart(E.game.value.trim() ? 'join' : 'create'); });
    for (const input of [E.name, E.game]) {
      input.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter') { ev.preventDefault(); lobbyStart(E.game.value.trim() && E.game.value.trim() !== E.name.value.trim() ? 'join' : 'create'); }
      });
    }
    E.setIslands.addEventListener('click', setIslands);
    E.leave.addEventListener('click', () => { clearError(); leaveChannel(true); });
    E.copyInvite.addEventListener('click', async () => {
      E.inviteLink.select();
      try { await navigator.clipboard.writeText(E.inviteLink.value); setText(E.copyInvite, 'Copied'); }
      catch { try { document.execCommand('copy'); setText(E.copyInvite, 'Copied'); } catch { /* ignore */ } }
      setTimeout(() => setText(E.copyInvite, 'Copy'), 1500);
    });

    const params = new URLSearchParams(location.search);
    const lastName = store.get('localStorage', 'islands:name');
    if (lastName) E.name.value = lastName;
    if (params.get('game')) E.game.value = params.get('game');
    if (params.get('game') && params.get('invitation')) {
      S.invitation = { game: params.get('game'), secret: params.get('invitation') };
    }

    const session = store.session();
    if (session && typeof session.game === 'string' && typeof session.name === 'string' && session.game && session.name) {
      E.name.value = session.name;
      if (session.game !== session.name) E.game.value = session.game;
      joinGame(session.game, session.name);
    } else if (S.invitation && lastName && lastName !== S.invitation.game) {
      joinGame(S.invitation.game, lastName); // an invitation link opens straight into the game
    } else {
      render();
      (params.get('game') && lastName ? E.join : E.name).focus();
    }
  }

  init();
})();
