// Island placement, from the shapes the server defines (definition.js). Pure.

export const key = (r, c) => r + ',' + c;
export const inBounds = (size, r, c) => r >= 1 && r <= size && c >= 1 && c <= size;

/** @returns {{row: number, col: number}[]} the cells of `type` with its upper-left corner at (row, col) */
export function shapeCells(def, type, row, col) {
  return (def.shapes[type] || []).map(([dr, dc]) => ({ row: row + dr, col: col + dc }));
}

/** @returns {Map<string, string>} cell key -> island type, for the islands on `board` */
export function landMap(board) {
  const m = new Map();
  for (const [type, isl] of Object.entries(board || {})) {
    for (const c of isl.coordinates) m.set(key(c.row, c.col), type);
  }
  return m;
}

/**
 * What placing `type` at (row, col) on `board` would do, as the server would judge it:
 * verdict "off" when a cell runs off the board, "bad" when it covers another island
 * (moving an island over its own old place is fine), else "ok".
 * @returns {{cells: {row:number,col:number}[], verdict: 'ok'|'bad'|'off', clashWith: string|null}}
 */
export function preview(def, board, type, row, col) {
  const cells = shapeCells(def, type, row, col);
  const land = landMap(board);
  const off = cells.some((c) => !inBounds(def.size, c.row, c.col));
  const clash = cells.find((c) => inBounds(def.size, c.row, c.col) && land.has(key(c.row, c.col)) && land.get(key(c.row, c.col)) !== type);
  const verdict = off ? 'off' : clash ? 'bad' : 'ok';
  return { cells, verdict, clashWith: clash ? land.get(key(clash.row, clash.col)) : null };
}

/**
 * @param order the palette's island types, in order
 * @returns {string} the first type after `selected` (wrapping) that `board` lacks, else `selected`
 */
export function nextUnplaced(order, board, selected) {
  const start = order.indexOf(selected);
  for (let i = 1; i <= order.length; i++) {
    const t = order[(start + i + order.length) % order.length];
    if (!(board || {})[t]) return t;
  }
  return selected;
}

/** @returns {boolean} whether every cell of `island` has been hit */
export function forested(island) {
  const hits = new Set(island.hit_coordinates.map((c) => key(c.row, c.col)));
  return island.coordinates.length > 0 && island.coordinates.every((c) => hits.has(key(c.row, c.col)));
}
