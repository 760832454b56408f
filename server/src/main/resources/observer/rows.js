// Table rows updated in place: one <tr data-key> per item, kept as the same DOM node while its
// item stays listed, its cells and buttons rewritten only where they changed, so that a button
// does not move or get replaced while the operator aims at it.

/**
 * @param tbody the <tbody> to update
 * @param items the rows wanted, in order
 * @param spec {
 *   key(item) -> string: the row's identity,
 *   attrs(item) -> {name: value}: data attributes of the row (null or undefined: empty),
 *   cells(item) -> [cell]: a cell is {text, className} or {buttons: [{label, attrs, disabled}]},
 *   empty: the text shown when there is no item, columns: how many columns the table has }
 */
export function updateRows(tbody, items, spec) {
  const old = new Map();
  for (const tr of Array.from(tbody.rows)) {
    if (tr.dataset.key === undefined) tr.remove(); else old.set(tr.dataset.key, tr);
  }
  let previous = null;
  const wanted = new Set();
  for (const item of items) {
    let key = String(spec.key(item));
    for (let n = 2; wanted.has(key); n++) key = spec.key(item) + "#" + n; // two alike: still two rows
    wanted.add(key);
    let tr = old.get(key);
    if (!tr) {
      tr = document.createElement("tr");
      tr.dataset.key = key;
    }
    const attrs = spec.attrs ? spec.attrs(item) : {};
    for (const [name, value] of Object.entries(attrs)) {
      const text = value === null || value === undefined ? "" : String(value);
      if (tr.getAttribute(name) !== text) tr.setAttribute(name, text);
    }
    updateCells(tr, spec.cells(item));
    const at = previous ? previous.nextSibling : tbody.firstChild;
    if (at !== tr) tbody.insertBefore(tr, at);
    previous = tr;
  }
  for (const [key, tr] of old) {
    if (!wanted.has(key)) tr.remove();
  }
  if (items.length === 0 && spec.empty) {
    const tr = document.createElement("tr");
    const td = document.createElement("td");
    td.colSpan = spec.columns;
    td.textContent = spec.empty;
    tr.appendChild(td);
    tbody.appendChild(tr);
  }
}

function updateCells(tr, cells) {
  while (tr.cells.length > cells.length) tr.deleteCell(-1);
  cells.forEach((cell, i) => {
    const td = tr.cells[i] || tr.insertCell(-1);
    if (cell.buttons) {
      updateButtons(td, cell.buttons);
      return;
    }
    const text = cell.text === null || cell.text === undefined ? "" : String(cell.text);
    if (td.firstElementChild) td.replaceChildren();
    if (td.textContent !== text) td.textContent = text;
    const cls = cell.className || "";
    if (td.className !== cls) td.className = cls;
  });
}

function updateButtons(td, buttons) {
  const have = Array.from(td.querySelectorAll("button"));
  buttons.forEach((b, i) => {
    let button = have[i];
    if (!button) {
      button = document.createElement("button");
      td.appendChild(button);
    }
    if (button.textContent !== b.label) button.textContent = b.label;
    if (button.disabled !== Boolean(b.disabled)) button.disabled = Boolean(b.disabled);
    for (const [name, value] of Object.entries(b.attrs)) {
      const text = value === null || value === undefined ? "" : String(value);
      if (button.getAttribute(name) !== text) button.setAttribute(name, text);
    }
  });
  have.slice(buttons.length).forEach((b) => b.remove());
}
