// Draws the page from the state (state.js): every DOM hook documented in main.js is set here.
// Writes only what changed, so assistive technologies and animations see real changes only.
import { el, cellOf } from './grid.js';
import { forested as isForested, inBounds, key, preview } from './placement.js';
import { myTurn, paletteOf, phase } from './state.js';
import { islandName, previewText, statusText } from './texts.js';

export const setText = (node, text) => { if (node.textContent !== text) node.textContent = text; };
export const setAttr = (node, name, value) => {
  if (value === null || value === undefined || value === false) { if (node.hasAttribute(name)) node.removeAttribute(name); }
  else if (node.getAttribute(name) !== String(value)) node.setAttribute(name, String(value));
};

/** @returns the page's elements by role */
export function elements(doc = document) {
  const $ = (sel) => doc.querySelector(sel);
  return {
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
}

export function showError(E, reason, text) {
  setAttr(E.error, 'data-reason', reason || '');
  setText(E.error, text || '');
}

export function setConn(E, state, text) {
  setAttr(E.conn, 'data-state', state);
  setText(E.conn.querySelector('.conn-text'), text);
}

export function addLog(E, text, kind = 'info') {
  const li = el('li', { class: 'log-' + kind }, el('time', { text: new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) }), ' ', text);
  E.log.prepend(li);
  while (E.log.children.length > 60) E.log.lastChild.remove();
}

/** A small picture of an island's shape (palette and fleet). */
function miniShape(def, type) {
  const shape = def.shapes[type];
  const box = el('span', { class: 'mini', 'aria-hidden': 'true' });
  const cells = new Set(shape.map(([r, c]) => key(r, c)));
  const rows = Math.max(...shape.map(([r]) => r)) + 1;
  const cols = Math.max(...shape.map(([, c]) => c)) + 1;
  box.style.setProperty('--cols', cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) box.append(el('span', { class: cells.has(key(r, c)) ? 'mini-land' : 'mini-sea' }));
  return box;
}

/** Builds the palette's buttons and the fleet list once; `onPick(type)` on a palette click. */
export function buildPalette(E, def, onPick) {
  paletteOf(def).forEach((type, i) => {
    const b = el('button', { type: 'button', class: 'isle-btn', 'data-island': type, 'aria-pressed': 'false' },
      miniShape(def, type), el('span', { class: 'isle-name', text: islandName(type) }),
      el('span', { class: 'isle-key', 'aria-hidden': 'true', text: String(i + 1) }),
      el('span', { class: 'isle-check', 'aria-hidden': 'true' }));
    b.addEventListener('click', () => onPick(type));
    E.palette.append(b);
    E.fleet.append(el('li', { class: 'fleet-item', 'data-fleet': type }, miniShape(def, type), el('span', { class: 'fleet-name', text: islandName(type) })));
  });
}

/**
 * Draws everything from `s`.
 * @param invitation the game's invitation to put in the invite link, or null
 */
export function render(E, def, s, invitation) {
  const ph = phase(def, s);
  const v = s.view;
  setAttr(E.app, 'data-phase', ph);
  setAttr(E.app, 'data-role', (v && v.role) || '');
  setAttr(E.app, 'data-turn', ph === 'playing' && !s.stale ? (myTurn(def, s) ? 'mine' : 'theirs') : '');
  const inLobby = ph === 'lobby';
  E.lobby.hidden = !inLobby;
  E.play.hidden = inLobby;
  const shownTurn = v && def.turns[v.state] === v.role;
  document.title = inLobby ? 'Islands' : (ph === 'playing' && shownTurn ? '● Your turn · Islands' : `Islands · ${s.game}`);
  if (inLobby) return;
  setText(E.gameName, s.game || '');
  renderPlayers(E, def, s);
  setText(E.status, statusText(def, s));
  setAttr(E.status, 'data-tone', ph === 'over' ? (v.winner === v.role ? 'win' : 'lose') : ph === 'playing' && shownTurn ? 'go' : null);
  renderInvite(E, def, s, invitation);
  renderPalette(E, def, s);
  renderOwnGrid(E, def, s);
  renderPreviewHint(E, def, s);
  renderTargetGrid(E, def, s);
  renderFleet(E, s);
  renderSetButton(E, def, s);
}

export function renderPlayers(E, def, s) {
  const v = s.view;
  for (const p of ['player1', 'player2']) {
    const chip = E.players.querySelector(`[data-player="${p}"]`);
    const name = v ? v.players[p] : (p === 'player1' ? s.game : null);
    const isMe = (v && v.role === p) || (!v && p === 'player1' && s.name === s.game);
    const online = !!(name && s.online[name]);
    setText(chip.querySelector('.player-name'), name || 'open seat');
    setText(chip.querySelector('.player-tag'), isMe ? 'you' : '');
    setAttr(chip, 'data-online', String(online));
    setAttr(chip, 'data-empty', name ? null : 'true');
    const turn = !!v && def.turns[v.state] === p;
    setAttr(chip, 'data-turn', turn ? 'true' : null);
    setAttr(chip, 'data-winner', v && v.winner === p ? 'true' : null);
    chip.setAttribute('aria-label', `${p === 'player1' ? 'Player 1' : 'Player 2'}: ${name || 'open seat'}${isMe ? ' (you)' : ''}${name ? (online ? ', online' : ', offline') : ''}${turn ? ', to move' : ''}`);
  }
}

function renderInvite(E, def, s, invitation) {
  const show = phase(def, s) === 'waiting' && s.name === s.game;
  E.invite.hidden = !show;
  if (show) {
    const url = new URL(location.href);
    url.search = '?game=' + encodeURIComponent(s.game) + (invitation ? '&invitation=' + encodeURIComponent(invitation) : '');
    url.hash = '';
    if (E.inviteLink.value !== url.href) E.inviteLink.value = url.href;
  }
}

function renderPalette(E, def, s) {
  const board = (s.view && s.view.board) || {};
  for (const b of E.palette.children) {
    const type = b.dataset.island;
    const n = def.shapes[type].length;
    setAttr(b, 'aria-pressed', String(type === s.selected));
    setAttr(b, 'data-placed', board[type] ? 'true' : null);
    setAttr(b, 'aria-label', `${islandName(type)}, ${n} cell${n > 1 ? 's' : ''}${board[type] ? ', placed' : ', not placed'}`);
  }
  const ph = phase(def, s);
  E.placement.hidden = !(ph === 'placing' || ph === 'waiting');
}

export function renderPreviewHint(E, def, s) {
  const ph = phase(def, s);
  if (ph !== 'placing') { setText(E.previewHint, ph === 'waiting' ? 'You can place islands once your opponent has joined.' : ''); return; }
  if (!s.hover) return;
  const { row, col } = s.hover;
  const p = preview(def, s.view.board, s.selected, row, col);
  setText(E.previewHint, previewText(s.selected, row, col, p, !!s.view.board[s.selected]));
  setAttr(E.previewHint, 'data-verdict', p.verdict);
}

const labelFor = (r, c, parts) => `Row ${r}, column ${c}: ${parts.filter(Boolean).join(', ')}`;

export function renderOwnGrid(E, def, s) {
  const v = s.view;
  const board = (v && v.board) || {};
  const land = new Map();
  const hits = new Set();
  const forested = new Set();
  for (const [type, isl] of Object.entries(board)) {
    for (const c of isl.coordinates) land.set(key(c.row, c.col), type);
    for (const c of isl.hit_coordinates) hits.add(key(c.row, c.col));
    if (isForested(isl)) forested.add(type);
  }
  const og = (v && v.opponent_guesses) || { hits: [], misses: [] };
  for (const c of og.hits) hits.add(key(c.row, c.col));
  const misses = new Set(og.misses.map((c) => key(c.row, c.col)));

  const ph = phase(def, s);
  const pre = ph === 'placing' && s.hover ? preview(def, board, s.selected, s.hover.row, s.hover.col) : null;
  const pv = new Map();
  if (pre) for (const c of pre.cells) if (inBounds(def.size, c.row, c.col)) pv.set(key(c.row, c.col), pre.verdict === 'ok' ? 'ok' : 'bad');
  setAttr(E.ownGrid, 'data-preview', pre ? pre.verdict : null);

  for (let r = 1; r <= def.size; r++) {
    for (let c = 1; c <= def.size; c++) {
      const cell = cellOf(E.ownGrid, r, c);
      const k = key(r, c);
      const type = land.get(k) || null;
      const shot = hits.has(k) && type ? 'hit' : misses.has(k) ? 'miss' : null;
      setAttr(cell, 'data-land', type);
      setAttr(cell, 'data-shot', shot);
      setAttr(cell, 'data-forested', type && forested.has(type) ? 'true' : null);
      setAttr(cell, 'data-preview', pv.get(k) || null);
      setAttr(cell, 'data-anchor', pre && s.hover.row === r && s.hover.col === c ? 'true' : null);
      setAttr(cell, 'data-fresh', s.fresh.own === k ? 'true' : null);
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
        type ? `your ${islandName(type)}` : 'water',
        shot === 'hit' ? (forested.has(type) ? 'hit, island forested' : 'hit') : shot === 'miss' ? 'enemy missed here' : null,
      ]));
    }
  }
  const caption = {
    placing: 'Place your islands', ready: 'Islands set', playing: 'Under fire', over: 'Final board', waiting: 'Waiting for a rival', joining: '',
  }[ph] || '';
  setText(E.ownCaption, caption);
}

export function renderTargetGrid(E, def, s) {
  const v = s.view;
  const g = (v && v.guesses) || { hits: [], misses: [] };
  const hits = new Set(g.hits.map((c) => key(c.row, c.col)));
  const misses = new Set(g.misses.map((c) => key(c.row, c.col)));
  const ph = phase(def, s);
  const armed = ph === 'playing' && myTurn(def, s) && !s.pendingGuess;
  setAttr(E.targetGrid, 'data-armed', armed ? 'true' : 'false');
  setAttr(E.targetGrid, 'aria-disabled', ph === 'playing' ? null : 'true');
  for (let r = 1; r <= def.size; r++) {
    for (let c = 1; c <= def.size; c++) {
      const cell = cellOf(E.targetGrid, r, c);
      const k = key(r, c);
      const shot = hits.has(k) ? 'hit' : misses.has(k) ? 'miss' : s.pendingGuess === k ? 'pending' : null;
      setAttr(cell, 'data-shot', shot);
      setAttr(cell, 'data-fresh', s.fresh.target === k ? 'true' : null);
      setAttr(cell, 'aria-label', labelFor(r, c, [
        shot === 'hit' ? 'hit, land' : shot === 'miss' ? 'miss, water' : shot === 'pending' ? 'firing…' : 'unexplored',
      ]));
    }
  }
  const shownTurn = v && def.turns[v.state] === v.role;
  const caption = ph === 'playing' ? (shownTurn ? 'Your shot' : 'Their shot') : ph === 'over' ? 'Battle over' : 'Hidden until battle';
  setText(E.targetCaption, caption);
}

function renderFleet(E, s) {
  const forested = new Set((s.view && s.view.forested) || []);
  for (const li of E.fleet.children) {
    const f = forested.has(li.dataset.fleet);
    setAttr(li, 'data-forested', f ? 'true' : null);
    setAttr(li, 'aria-label', `${islandName(li.dataset.fleet)}: ${f ? 'forested' : 'still hidden'}`);
  }
}

function renderSetButton(E, def, s) {
  const v = s.view;
  const ph = phase(def, s);
  const n = v ? Object.keys(v.board).length : 0;
  const total = def.types.length;
  const show = ph === 'placing' || ph === 'waiting';
  E.setIslands.hidden = !show;
  E.placedCount.hidden = !show;
  setText(E.placedCount, `${n} of ${total} placed`);
  setAttr(E.setIslands, 'data-ready', n === total ? 'true' : 'false');
  setAttr(E.setIslands, 'aria-describedby', 'placed-count');
}

