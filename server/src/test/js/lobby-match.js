// The lobby, quick match and rematch with the real phoenix JS client (see LobbyJsClientTest).
// Usage: node lobby-match.js <ws url, e.g. ws://127.0.0.1:4000/socket> <unique suffix>
// Prints one JSON line per step; exits 0 when every step held, nonzero with a message otherwise.
'use strict';
const {Socket} = require('phoenix');
const WebSocket = require('ws');
const {DEMO, LAND, fail, log, push, ok} = require('./game-steps');

const [url, suffix] = process.argv.slice(2);
if (!url || !suffix) fail('usage: node lobby-match.js <url> <suffix>');
setTimeout(() => fail('gave up after 40 s'), 40000).unref();

function socket() {
  const s = new Socket(url, {transport: WebSocket, timeout: 5000});
  s.connect();
  return s;
}

/** Joins `topic` on a new socket; every event of `events` goes to the channel's inbox. */
function join(topic, params, events) {
  return new Promise((resolve, reject) => {
    const ch = socket().channel(topic, params);
    ch.inbox = [];
    ch.waiters = [];
    for (const e of events) {
      ch.on(e, payload => {
        ch.inbox.push({event: e, payload});
        ch.waiters = ch.waiters.filter(w => !w());
      });
    }
    ch.join()
      .receive('ok', reply => resolve({ch, reply}))
      .receive('error', e => reject(new Error(topic + ' join refused: ' + JSON.stringify(e))))
      .receive('timeout', () => reject(new Error(topic + ' join timed out')));
  });
}

/** The first inbox message (kept or still to come) that `match` accepts; taken out of the inbox. */
function next(ch, what, match, ms = 5000) {
  return new Promise((resolve, reject) => {
    const look = () => {
      const i = ch.inbox.findIndex(m => match(m));
      if (i < 0) return false;
      resolve(ch.inbox.splice(i, 1)[0].payload);
      return true;
    };
    if (look()) return;
    ch.waiters.push(look);
    setTimeout(() => reject(new Error('no ' + what + ' within ' + ms + ' ms; inbox ' + JSON.stringify(ch.inbox))), ms).unref();
  });
}


const GAME_EVENTS = ['player_added', 'player_guessed_coordinate', 'rematch_offered', 'rematch_started', 'rematch_failed'];
const listed = (list, game) => (list.games || []).some(g => g.game === game);

async function lobby() {
  const watcher = await join('lobby', {}, ['games']);
  if (!Array.isArray(watcher.reply.games)) fail('lobby join reply ' + JSON.stringify(watcher.reply));
  const open = 'open' + suffix;
  const hidden = 'hidden' + suffix;
  const a = await join('game:' + open, {screen_name: open}, GAME_EVENTS);
  await ok(a.ch, 'new_game', {});
  const h = await join('game:' + hidden, {screen_name: hidden, invite: true}, GAME_EVENTS);
  await ok(h.ch, 'new_game', {});
  const shown = await next(watcher.ch, 'a games list with ' + open, m => listed(m.payload, open));
  const entry = shown.games.find(g => g.game === open);
  log('lobby_listed', {game: entry.game, creator: entry.creator, aged: Number.isInteger(entry.age_ms) && entry.age_ms >= 0,
    invited_listed: listed(shown, hidden)});
  await join('game:' + open, {screen_name: 'diva' + suffix}, GAME_EVENTS);
  const after = await next(watcher.ch, 'a games list without ' + open, m => !listed(m.payload, open));
  log('lobby_unlisted', {game: open, invited_listed: listed(after, hidden)});
}

async function quickMatch() {
  const names = ['first' + suffix, 'second' + suffix, 'third' + suffix, 'fourth' + suffix];
  const [p, q, r, s] = await Promise.all(names.map(() => join('lobby', {}, ['games', 'matched', 'match_failed'])));
  log('bad_name', (await push(p.ch, 'quick_match', {screen_name: '<b>x</b>'})).response);
  // r waits, then cancels: it must never be matched
  log('waiting', await ok(r.ch, 'quick_match', {screen_name: names[2]}));
  log('already_waiting', (await push(r.ch, 'quick_match', {screen_name: names[2]})).response);
  log('cancelled', await ok(r.ch, 'cancel_match', {}));
  await ok(p.ch, 'quick_match', {screen_name: names[0]});
  await ok(q.ch, 'quick_match', {screen_name: names[1]});
  const mp = await next(p.ch, 'matched for ' + names[0], m => m.event === 'matched');
  const mq = await next(q.ch, 'matched for ' + names[1], m => m.event === 'matched');
  if (mp.game !== mq.game) fail('matched into different games ' + JSON.stringify([mp.game, mq.game]));
  log('matched', {game: mp.game, first: mp.role, second: mq.role, opponents: [mp.opponent, mq.opponent],
    tokens: typeof mp.token === 'string' && typeof mq.token === 'string' && mp.token !== mq.token});
  // s arrives alone: r cancelled, so s waits (then leaves, which takes it out of the queue)
  log('alone', await ok(s.ch, 'quick_match', {screen_name: names[3]}));
  if (r.ch.inbox.some(m => m.event === 'matched')) fail('a cancelled player was matched');
  const g1 = await join('game:' + mp.game, {screen_name: names[0], token: mp.token}, GAME_EVENTS);
  const g2 = await join('game:' + mp.game, {screen_name: names[1], token: mq.token}, GAME_EVENTS);
  log('seated', {first: g1.reply.view.role, second: g2.reply.view.role, started: g1.reply.view.started,
    players: g2.reply.view.players});
  return {p1: g1.ch, p2: g2.ch, p1Name: names[0], p2Name: names[1]};
}

async function playToWin(p1, p2) {
  for (const [ch, player] of [[p1, 'player1'], [p2, 'player2']]) {
    for (const [island, row, col] of DEMO) await ok(ch, 'position_island', {player, island, row, col});
    await ok(ch, 'set_islands', player);
  }
  const shot = (ch, player, row, col) => {
    ch.push('guess_coordinate', {player, row, col}).receive('error', e => fail('guess refused ' + JSON.stringify(e)));
    return next(p2, 'the guess of ' + player, m => m.event === 'player_guessed_coordinate' && m.payload.player === player);
  };
  for (let i = 0; i < LAND.length; i++) {
    const hit = await shot(p1, 'player1', LAND[i][0], LAND[i][1]);
    if (hit.result.win === 'win') return;
    await shot(p2, 'player2', 10, 10);
  }
  fail('no win');
}

async function rematch(game) {
  await playToWin(game.p1, game.p2);
  const early = await push(game.p2, 'rematch', {});
  log('offered', early.response);
  const seen = await next(game.p1, 'rematch_offered', m => m.event === 'rematch_offered');
  log('rematch_offered', seen);
  log('accepted', await ok(game.p1, 'rematch', {}));
  const r1 = await next(game.p1, 'rematch_started for the old player 1', m => m.event === 'rematch_started');
  const r2 = await next(game.p2, 'rematch_started for the old player 2', m => m.event === 'rematch_started');
  log('rematch_started', {game: r1.game, same_game: r1.game === r2.game, old_player1_now: r1.role,
    old_player2_now: r2.role, opponents: [r1.opponent, r2.opponent]});
  const n1 = await join('game:' + r2.game, {screen_name: game.p2Name, token: r2.token}, GAME_EVENTS);
  const n2 = await join('game:' + r1.game, {screen_name: game.p1Name, token: r1.token}, GAME_EVENTS);
  log('rematch_seated', {host: n1.reply.view.role, guest: n2.reply.view.role, players: n1.reply.view.players,
    state: n1.reply.view.state});
}

(async () => {
  const which = process.argv[4] || 'all';
  if (which === 'all' || which === 'lobby') await lobby();
  if (which === 'all' || which === 'match') {
    const game = await quickMatch();
    await rematch(game);
  }
  log('done', {});
  process.exit(0);
})().catch(e => fail(e && e.stack || String(e)));
