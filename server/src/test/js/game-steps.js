// What the node scripts driving the server with the real phoenix JS client share (full-game.js,
// lobby-match.js): the demo islands and their cells, step logging, pushes with their replies.
'use strict';

/** The demo placement: [island, row, col] of each upper-left corner (Demo.PLACEMENT in the Java tests). */
const DEMO = [['atoll', 1, 1], ['dot', 1, 5], ['l_shape', 1, 7], ['s_shape', 5, 1], ['square', 5, 5]];
/** Every land cell of the demo placement, [row, col]: guessing all of them wins. */
const LAND = [[1, 1], [1, 2], [2, 2], [3, 1], [3, 2], [1, 5], [1, 7], [2, 7], [3, 7], [3, 8],
  [5, 2], [5, 3], [6, 1], [6, 2], [5, 5], [5, 6], [6, 5], [6, 6]];

function fail(message) { console.error('FAIL: ' + message); process.exit(1); }
function log(step, data) { console.log(JSON.stringify({step, data})); }

/** Pushes and resolves with {status, response}; rejects when no reply comes. */
function push(ch, event, payload) {
  return new Promise((resolve, reject) => ch.push(event, payload)
    .receive('ok', r => resolve({status: 'ok', response: r}))
    .receive('error', r => resolve({status: 'error', response: r}))
    .receive('timeout', () => reject(new Error(event + ' ' + JSON.stringify(payload) + ': no reply'))));
}

/** Pushes and resolves with the ok reply's response; fails the script on an error reply. */
async function ok(ch, event, payload) {
  const r = await push(ch, event, payload);
  if (r.status !== 'ok') fail(event + ' ' + JSON.stringify(payload) + ' -> ' + JSON.stringify(r));
  return r.response;
}

module.exports = {DEMO, LAND, fail, log, push, ok};
