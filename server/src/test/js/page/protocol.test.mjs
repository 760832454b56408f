import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GameChannel, moveIds, withMoveId } from '../../../main/resources/public/js/protocol.js';

/**
 * A phoenix.js channel stand-in: records each push; `answer(i, status, response)` runs the
 * receive hook of push i, as the server's reply (or phoenix.js's timeout) would.
 */
class FakeChannel {
  constructor() { this.pushes = []; this.connected = true; }
  canPush() { return this.connected; }
  push(event, payload) {
    const hooks = {};
    const p = { event, payload, hooks, receive(status, fn) { hooks[status] = fn; return p; } };
    this.pushes.push(p);
    return p;
  }
  answer(i, status, response) { this.pushes[i].hooks[status](response); }
}

const counter = () => { let n = 0; return () => `id-${++n}`; };

test('move ids: one prefix per page and a counter, within the server\'s rule', () => {
  const next = moveIds(() => 0.5);
  const a = next(); const b = next();
  assert.notEqual(a, b);
  for (const id of [a, b]) assert.match(id, /^[A-Za-z0-9_-]{1,64}$/);
  assert.deepEqual(withMoveId('player1', 'm1'), { player: 'player1', move_id: 'm1' });
  const payload = { player: 'player2', row: 1, col: 2 };
  assert.deepEqual(withMoveId(payload, 'm2'), { player: 'player2', row: 1, col: 2, move_id: 'm2' });
  assert.equal(payload.move_id, undefined, 'the caller\'s payload is not changed');
});

test('a move whose reply was lost is sent again after the rejoin with the same id, and its callback runs once', () => {
  const ch = new FakeChannel();
  const gc = new GameChannel(ch, counter());
  const oks = [];
  assert.equal(gc.pushMove('position_island', { player: 'player1', island: 'dot', row: 1, col: 1 }, { ok: (r) => oks.push(r) }), true);
  assert.equal(ch.pushes[0].payload.move_id, 'id-1');
  // the connection drops before the reply; phoenix.js rejoins; the page retries
  assert.equal(gc.retryPending(), true);
  assert.equal(ch.pushes.length, 2);
  assert.deepEqual(ch.pushes[1].payload, ch.pushes[0].payload, 'same move, same id');
  ch.answer(0, 'timeout');          // the first attempt's timeout fires late: ignored
  ch.answer(1, 'ok', { replayed: true });
  ch.answer(1, 'ok', {});           // a second answer to the same attempt: ignored
  assert.deepEqual(oks, [{ replayed: true }]);
  assert.equal(gc.retryPending(), false, 'answered: nothing pending any more');
});

test('set_islands goes in its object form; a new move gets a new id and is the one retried', () => {
  const ch = new FakeChannel();
  const gc = new GameChannel(ch, counter());
  const results = [];
  gc.pushMove('set_islands', 'player1', { ok: () => results.push('set') });
  gc.pushMove('guess_coordinate', { player: 'player1', row: 3, col: 4 }, { error: (r) => results.push(r.reason) });
  assert.deepEqual(ch.pushes[0].payload, { player: 'player1', move_id: 'id-1' });
  assert.equal(ch.pushes[1].payload.move_id, 'id-2');
  ch.answer(0, 'ok', {});           // the older move's reply still reaches its callback
  gc.retryPending();
  assert.equal(ch.pushes[2].payload.move_id, 'id-2');
  ch.answer(2, 'error', { reason: 'Not your turn.' });
  assert.deepEqual(results, ['set', 'Not your turn.']);
});

test('offline: nothing is sent and nothing stays pending', () => {
  const ch = new FakeChannel();
  ch.connected = false;
  const gc = new GameChannel(ch, counter());
  assert.equal(gc.pushMove('guess_coordinate', { player: 'player1', row: 1, col: 1 }), false);
  assert.equal(gc.retryPending(), false);
  assert.equal(ch.pushes.length, 0);
});
