/*
 * The replay viewer: once a game is over (#app data-phase=over) the #watch-replay button shows;
 * it loads GET /replays/<game> and shows both boards step by step (replay.js), with Back, Step,
 * Play/Pause and Close. Test hooks: #replay data-step (steps shown) and data-steps (all steps),
 * #replay-player1 / #replay-player2 cells [data-row][data-col] with data-land and data-shot,
 * #replay-text (the last step shown), #replay-error.
 */
import { boardsAt, parseReplay, stepText } from './replay.js';

const PLAY_EVERY_MS = 400;

function el(tag, attrs = {}, text = '') {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}

function grid(id, size) {
  const g = el('div', { id, class: 'replay-grid', role: 'img' });
  for (let r = 1; r <= size; r++) {
    for (let c = 1; c <= size; c++) g.append(el('div', { class: 'replay-cell', 'data-row': r, 'data-col': c }));
  }
  return g;
}

/** Shows #watch-replay whenever the game on the page is over; `getDef` gives the game's definition. */
export function installReplay(doc, getDef, fetchFn = (u) => globalThis.fetch(u)) {
  const app = doc.getElementById('app');
  const button = doc.getElementById('watch-replay');
  if (!app || !button) return;
  let view = null;
  let timer = null;
  const stop = () => { if (timer) { clearInterval(timer); timer = null; } };
  const close = () => { stop(); if (view) { view.remove(); view = null; } };
  const sync = () => {
    button.hidden = app.getAttribute('data-phase') !== 'over';
    if (app.getAttribute('data-phase') === 'lobby') close();
  };
  new MutationObserver(sync).observe(app, { attributes: true, attributeFilter: ['data-phase'] });
  sync();

  button.addEventListener('click', async () => {
    close();
    const def = getDef();
    const game = (doc.getElementById('game-name') || {}).textContent || '';
    view = el('section', { id: 'replay', class: 'card replay', 'aria-label': `Replay of game ${game}` });
    view.append(el('h3', {}, `Replay of game ${game}`));
    app.append(view);
    let replay;
    try {
      const r = await fetchFn(`replays/${encodeURIComponent(game)}`);
      if (!r.ok) throw new Error(r.status === 404 ? 'This game has no replay (only finished games have one, for a while).' : `HTTP ${r.status}`);
      replay = parseReplay(def, await r.json());
    } catch (e) {
      view.append(el('p', { id: 'replay-error', role: 'alert' }, String(e.message || e)));
      view.append(closeButton());
      return;
    }
    const boards = el('div', { class: 'replay-boards' });
    for (const p of ['player1', 'player2']) {
      const fig = el('figure');
      fig.append(el('figcaption', {}, `${replay.players[p]}'s waters`), grid(`replay-${p}`, def.size));
      boards.append(fig);
    }
    const text = el('p', { id: 'replay-text', 'aria-live': 'polite' });
    const controls = el('div', { class: 'replay-controls' });
    const back = el('button', { id: 'replay-prev', type: 'button', class: 'btn btn-small' }, 'Back');
    const next = el('button', { id: 'replay-next', type: 'button', class: 'btn btn-small' }, 'Step');
    const play = el('button', { id: 'replay-play', type: 'button', class: 'btn btn-small btn-primary' }, 'Play');
    controls.append(back, next, play, closeButton());
    view.append(boards, text, controls);
    let n = 0;
    const show = () => {
      const b = boardsAt(def, replay, n);
      for (const p of ['player1', 'player2']) {
        for (const cell of view.querySelectorAll(`#replay-${p} .replay-cell`)) {
          const key = `${cell.dataset.row},${cell.dataset.col}`;
          if (b[p].land[key]) cell.setAttribute('data-land', b[p].land[key]); else cell.removeAttribute('data-land');
          if (b[p].shots[key]) cell.setAttribute('data-shot', b[p].shots[key]); else cell.removeAttribute('data-shot');
        }
      }
      view.setAttribute('data-step', String(n));
      view.setAttribute('data-steps', String(replay.steps.length));
      text.textContent = `Move ${n} of ${replay.steps.length}. ${stepText(replay, n - 1)}`;
      back.disabled = n === 0;
      next.disabled = n === replay.steps.length;
    };
    const go = (to) => { n = Math.max(0, Math.min(replay.steps.length, to)); show(); };
    back.addEventListener('click', () => { stop(); play.textContent = 'Play'; go(n - 1); });
    next.addEventListener('click', () => { stop(); play.textContent = 'Play'; go(n + 1); });
    play.addEventListener('click', () => {
      if (timer) { stop(); play.textContent = 'Play'; return; }
      if (n === replay.steps.length) go(0);
      play.textContent = 'Pause';
      timer = setInterval(() => {
        go(n + 1);
        if (n === replay.steps.length) { stop(); play.textContent = 'Play'; }
      }, PLAY_EVERY_MS);
    });
    show();
    view.scrollIntoView({ block: 'nearest' });
  });

  function closeButton() {
    const b = el('button', { id: 'replay-close', type: 'button', class: 'btn btn-ghost btn-small' }, 'Close');
    b.addEventListener('click', close);
    return b;
  }
}
