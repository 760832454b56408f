// Plays a whole Islands game to player 1's win with the real phoenix JS client (see JsClientGameTest).
// Usage: node full-game.js <ws url, e.g. ws://127.0.0.1:4000/socket> <game name>
// Exits 0 once a player_guessed_coordinate broadcast says player1 won; nonzero with a message otherwise.
'use strict';
const {Socket} = require('phoenix');
const WebSocket = require('ws');
const {DEMO, LAND, fail, log, push, ok} = require('./game-steps');

const [url, game] = process.argv.slice(2);
if (!url || !game) fail('usage: node full-game.js <url> <game>');
setTimeout(() => fail('gave up after 20 s'), 20000).unref();

function join(name) {
  return new Promise((resolve, reject) => {
    const socket = new Socket(url, {transport: WebSocket, timeout: 5000});
    socket.onError(e => reject(new Error(name + ': socket error ' + (e && e.message))));
    socket.connect();
    const ch = socket.channel('game:' + game, {screen_name: name});
    // Every broadcast of player_guessed_coordinate lands in this player's queue.
    const queue = [];
    const waiters = [];
    ch.on('player_guessed_coordinate', m => { const w = waiters.shift(); w ? w(m) : queue.push(m); });
    ch.on('player_added', m => { (ch.added = ch.added || []).push(m); if (ch.onAdded) ch.onAdded(m); });
    ch.nextGuess = () => queue.length ? Promise.resolve(queue.shift())
      : new Promise((res, rej) => { waiters.push(res); setTimeout(() => rej(new Error(name + ': no player_guessed_coordinate within 5 s')), 5000).unref(); });
    ch.join()
      .receive('ok', reply => resolve({ch, reply}))
      .receive('error', e => reject(new Error(name + ' join refused: ' + JSON.stringify(e))))
      .receive('timeout', () => reject(new Error(name + ' join timed out')));
  });
}


function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

async function guess(ch, others, player, row, col) {
  ch.push('guess_coordinate', {player, row, col})
    .receive('error', e => fail(player + ' guess (' + row + ',' + col + ') refused: ' + JSON.stringify(e)));
  const seen = await Promise.all(others.map(c => c.nextGuess()));
  if (!same(seen[0], seen[1])) fail('players saw different broadcasts: ' + JSON.stringify(seen));
  const m = seen[0];
  if (m.player !== player || m.row !== row || m.col !== col) fail('unexpected broadcast ' + JSON.stringify(m));
  return m;
}

(async () => {
  const a = await join(game);
  if (!a.reply.token || a.reply.view.role !== 'player1') fail('player 1 join reply ' + JSON.stringify(a.reply));
  log('joined', {player: 'player1', role: a.reply.view.role});
  await ok(a.ch, 'new_game', {});
  const b = await join('diva');
  if (!b.reply.token) fail('player 2 join reply ' + JSON.stringify(b.reply));
  const added = new Promise(res => { a.ch.onAdded = res; if (a.ch.added) res(a.ch.added[0]); });
  b.ch.push('add_player', 'diva').receive('error', e => fail('add_player refused: ' + JSON.stringify(e)));
  const msg = await Promise.race([added, new Promise((_, rej) => setTimeout(() => rej(new Error('no player_added broadcast')), 5000).unref())]);
  log('player_added', msg);
  for (const [ch, player] of [[a.ch, 'player1'], [b.ch, 'player2']]) {
    for (const [island, row, col] of DEMO) await ok(ch, 'position_island', {player, island, row, col});
    const set = await ok(ch, 'set_islands', player);
    log('set_islands', {player, islands: Object.keys(set.board || {}).sort()});
  }
  const bad = await push(b.ch, 'guess_coordinate', {player: 'player1', row: 1, col: 1});
  if (bad.status !== 'error' || !same(bad.response, {reason: 'unauthorized'})) fail('impersonation -> ' + JSON.stringify(bad));
  log('impersonation', bad.response);
  const both = [a.ch, b.ch];
  for (let i = 0; i < LAND.length; i++) {
    const [row, col] = LAND[i];
    const hit = await guess(a.ch, both, 'player1', row, col);
    if (!hit.result.hit) fail('expected a hit: ' + JSON.stringify(hit));
    if (hit.result.win === 'win') {
      if (i !== LAND.length - 1) fail('won too early: ' + JSON.stringify(hit));
      log('won', hit);
      process.exit(0);
    }
    if (hit.result.win !== 'no_win') fail('odd win field: ' + JSON.stringify(hit));
    const miss = await guess(b.ch, both, 'player2', 10, 10);
    if (miss.result.hit) fail('expected a miss: ' + JSON.stringify(miss));
  }
  fail('all 18 land cells guessed and no win broadcast');
})().catch(e => fail(e && e.stack || String(e)));
