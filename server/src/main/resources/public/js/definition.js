// The game's definition as the server serves it at GET /game.json (docs/protocol.md §8): the
// board size, each island type's shape and the rules states with whose turn each is. The page
// keeps no copy of the engine's shapes or rules: it reads them from here. Pure.

/**
 * Checks and freezes the JSON of /game.json.
 * @returns {{size: number, types: string[], shapes: Object<string, number[][]>, turns: Object<string, string|null>}}
 * @throws {Error} when the document does not have that shape
 */
export function parseDefinition(json) {
  const bad = (why) => new Error(`game.json: ${why}`);
  if (!json || typeof json !== 'object') throw bad('not an object');
  const size = json.size;
  if (!Number.isInteger(size) || size < 1 || size > 26) throw bad('size');
  const shapes = {};
  for (const [type, cells] of Object.entries(json.islands || {})) {
    if (!Array.isArray(cells) || !cells.length) throw bad(`island ${type}`);
    shapes[type] = Object.freeze(cells.map((c) => {
      if (!Array.isArray(c) || c.length !== 2 || !c.every((n) => Number.isInteger(n) && n >= 0 && n < size)) throw bad(`island ${type}`);
      return Object.freeze([c[0], c[1]]);
    }));
  }
  if (!Object.keys(shapes).length) throw bad('no islands');
  const turns = {};
  for (const [state, about] of Object.entries(json.states || {})) {
    const turn = about && about.turn;
    turns[state] = turn === 'player1' || turn === 'player2' ? turn : null;
  }
  if (!Object.keys(turns).length) throw bad('no states');
  return Object.freeze({ size, types: Object.freeze(Object.keys(shapes)), shapes: Object.freeze(shapes), turns: Object.freeze(turns) });
}

/** @returns {Promise<object>} the parsed definition fetched from `url` (default /game.json) */
export async function loadDefinition(fetchFn = globalThis.fetch, url = 'game.json') {
  const r = await fetchFn(url, { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(`game.json: HTTP ${r.status}`);
  return parseDefinition(await r.json());
}
