// The two 10 by 10 grids: building them, a roving tabindex, and the keys that move on them.

/** @returns {[number, number]|null} where `key` moves the focus from (r, c) on a `size` board, or null */
export function keyMove(key, r, c, size) {
  const moves = {
    ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1], ArrowRight: [r, c + 1],
    Home: [r, 1], End: [r, size], PageUp: [1, c], PageDown: [size, c],
  };
  const m = moves[key];
  return m ? [Math.min(size, Math.max(1, m[0])), Math.min(size, Math.max(1, m[1]))] : null;
}

/** `document.createElement` with attributes (`class`, `text` or any attribute) and children. */
export function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const kid of kids) e.append(kid);
  return e;
}

/**
 * Fills `container` with a size by size grid of `.cell[data-row][data-col]` and wires it:
 * `on.act(r, c)` on click, Enter or Space; `on.focus(r, c)` when a cell gets focus;
 * `on.key(ev)` for other keys (return true when handled); for the own grid `on.hover(r, c)`
 * (null when the pointer leaves).
 */
export function buildGrid(container, size, on) {
  const head = el('div', { class: 'grid-row grid-head', 'aria-hidden': 'true' }, el('span', { class: 'grid-corner' }));
  for (let c = 1; c <= size; c++) head.append(el('span', { class: 'grid-label', text: String(c) }));
  container.append(head);
  for (let r = 1; r <= size; r++) {
    const row = el('div', { class: 'grid-row', role: 'row', 'aria-label': `Row ${r}` }, el('span', { class: 'grid-label', 'aria-hidden': 'true', text: String(r) }));
    for (let c = 1; c <= size; c++) {
      row.append(el('div', {
        class: 'cell', role: 'gridcell', tabindex: r === 1 && c === 1 ? '0' : '-1',
        'data-row': String(r), 'data-col': String(c), 'aria-label': `Row ${r}, column ${c}`,
      }, el('span', { class: 'land', 'aria-hidden': 'true' }), el('span', { class: 'ring', 'aria-hidden': 'true' })));
    }
    container.append(row);
  }
  const at = (ev) => {
    const cell = ev.target.closest && ev.target.closest('.cell');
    return cell ? [+cell.dataset.row, +cell.dataset.col] : null;
  };
  container.addEventListener('click', (ev) => {
    const p = at(ev);
    if (!p) return;
    moveFocus(container, size, p[0], p[1], false);
    on.act(p[0], p[1]);
  });
  container.addEventListener('keydown', (ev) => {
    const p = at(ev);
    if (!p || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const m = keyMove(ev.key, p[0], p[1], size);
    if (m) {
      ev.preventDefault();
      moveFocus(container, size, m[0], m[1], true);
    } else if (ev.key === 'Enter' || ev.key === ' ' || ev.key === 'Spacebar') {
      ev.preventDefault();
      on.act(p[0], p[1]);
    } else if (on.key && on.key(ev)) {
      ev.preventDefault();
    }
  });
  container.addEventListener('focusin', (ev) => {
    const p = at(ev);
    if (p && on.focus) on.focus(p[0], p[1]);
  });
  if (on.hover) {
    let focused = null;
    container.addEventListener('focusin', (ev) => { focused = at(ev); });
    container.addEventListener('pointerover', (ev) => {
      const p = at(ev);
      if (p) on.hover(p[0], p[1]);
    });
    container.addEventListener('pointerleave', () => {
      if (!container.contains(document.activeElement) || !focused) on.hover(null);
      else on.hover(focused[0], focused[1]);
    });
    container.addEventListener('focusout', (ev) => { if (!container.contains(ev.relatedTarget)) on.hover(null); });
  }
}

/** @returns {Element} the cell (r, c) of a grid built by buildGrid */
export function cellOf(container, r, c) {
  return container.querySelector(`.cell[data-row="${r}"][data-col="${c}"]`);
}

/** Moves the grid's roving tabindex to (r, c), clamped to the board; focuses it when `focus`. */
export function moveFocus(container, size, r, c, focus = true) {
  r = Math.min(size, Math.max(1, r));
  c = Math.min(size, Math.max(1, c));
  const prev = container.querySelector('.cell[tabindex="0"]');
  const next = cellOf(container, r, c);
  if (prev && prev !== next) prev.setAttribute('tabindex', '-1');
  next.setAttribute('tabindex', '0');
  if (focus) next.focus();
}
