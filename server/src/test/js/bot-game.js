// Plays a whole Islands game against the computer with the real phoenix JS client (see BotGameTest).
// Usage: node bot-game.js <ws url, e.g. ws://127.0.0.1:4000/socket> <game name>
// Player 1 creates the game, asks for the computer (play_computer), places its islands and
// shoots row by row; it checks every shot of the computer is a fresh cell on the board, and
// exits 0 once a broadcast says someone won; nonzero with a message otherwise.
'use strict';
const {Socket} = require('phoenix');
const WebSocket = require('ws');

const [url, game] = process.argv.slice(2);
if (!url || !game) fail('usage: node bot-game.js <url> <game>');
const DEMO = [['atoll', 1, 1], ['dot', 1, 5], ['l_shape', 1, 7], ['s_shape', 5, 1], ['square', 5, 5]];

function fail(message) { console.error('FAIL: ' + message); process.exit(1); }
function log(step, data) { console.log(JSON.stringify({step, data})); }
setTimeout(() => fail('gave up after 40 s'), 40000).unref();

const socket = new Socket(url, {transport: WebSocket, timeout: 5000});
socket.onError(e => fail('socket error ' + (e && e.message)));
socket.connect();
const ch = socket.channel('game:' + game, {screen_name: game});
const events = [];
let wake = null;
for (const ev of ['player_added', 'player_set_islands', 'player_guessed_coordinate']) {
  ch.on(ev, payload => { events.push({ev, payload}); if (wake) { const w = wake; wake = null; w(); } });
}
/** Waits for the first event (removed from the queue) that `match` accepts. */
async function next(match, what) {
  for (;;) {
    const i = events.findIndex(match);
    if (i >= 0) return events.splice(i, 1)[0];
    await new Promise((res, rej) => { wake = res; setTimeout(() => rej(new Error('no ' + what + ' within 10 s')), 10000).unref(); })
      .catch(e => fail(e.message));
  }
}
function ok(event, payload) {
  return new Promise(resolve => ch.push(event, payload)
    .receive('ok', resolve)
    .receive('error', r => fail(event + ' ' + JSON.stringify(payload) + ' -> ' + JSON.stringify(r)))
    .receive('timeout', () => fail(event + ': no reply')));
}

(async () => {
  await new Promise(resolve => ch.join().receive('ok', resolve)
    .receive('error', e => fail('join refused: ' + JSON.stringify(e))));
  await ok('new_game', {});
  await ok('play_computer', {});
  const added = await next(e => e.ev === 'player_added', 'player_added');
  log('computer_joined', added.payload);
  for (const [island, row, col] of DEMO) await ok('position_island', {player: 'player1', island, row, col});
  await ok('set_islands', 'player1');
  await next(e => e.ev === 'player_set_islands' && e.payload.player === 'player2', 'the computer setting its islands');
  log('computer_set_islands', {});
  const shots = new Set();
  let cell = 0;
  for (let turn = 0; turn < 200; turn++) {
    const row = Math.floor(cell / 10) + 1, col = (cell % 10) + 1;
    cell++;
    ch.push('guess_coordinate', {player: 'player1', row, col})
      .receive('error', e => fail('guess refused: ' + JSON.stringify(e)));
    const mine = await next(e => e.ev === 'player_guessed_coordinate' && e.payload.player === 'player1', 'my shot');
    if (mine.payload.result.win === 'win') { log('over', {winner: 'player1', computerShots: shots.size}); break; }
    const its = await next(e => e.ev === 'player_guessed_coordinate' && e.payload.player === 'player2', 'the computer\'s shot');
    const key = its.payload.row + ',' + its.payload.col;
    if (shots.has(key)) fail('the computer shot twice at ' + key);
    if (!(its.payload.row >= 1 && its.payload.row <= 10 && its.payload.col >= 1 && its.payload.col <= 10)) fail('off the board: ' + key);
    shots.add(key);
    if (its.payload.result.win === 'win') { log('over', {winner: 'player2', computerShots: shots.size}); break; }
  }
  socket.disconnect();
  process.exit(0);
})().catch(e => fail(e.stack || String(e)));
