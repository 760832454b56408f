import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  MAX_ROWS, ageText, lobbyRows, matchErrorText, rematchReduce, rematchView,
} from '../../../main/resources/public/js/match.js';

test('the open-games list keeps only entries that follow the name rule, in the server order', () => {
  const rows = lobbyRows({
    games: [
      { game: 'moon', creator: 'moon', age_ms: 1500 },
      { game: '<img src=x onerror=alert(1)>', creator: 'x', age_ms: 1 },
      { game: 'diva', creator: '<b>', age_ms: -5 },
      null, 42, { game: 7 }, { game: 'a'.repeat(65), age_ms: 0 },
      { game: 'sun', age_ms: 'soon' },
    ],
  }, 10_000);
  assert.deepEqual(rows, [
    { game: 'moon', creator: 'moon', since: 8_500 },
    { game: 'diva', creator: 'diva', since: 10_000 }, // a bad creator shows the game's name, a bad age is new
    { game: 'sun', creator: 'sun', since: 10_000 },
  ]);
});

test('the open-games list is bounded, and a payload that is not a list gives no rows', () => {
  const games = Array.from({ length: 500 }, (_, i) => ({ game: `g${i}`, creator: `g${i}`, age_ms: i }));
  assert.equal(lobbyRows({ games }, 0).length, MAX_ROWS);
  assert.equal(lobbyRows({ games }, 0)[0].game, 'g0');
  for (const bad of [null, undefined, 'games', { games: 'x' }, { games: { 0: {} } }, []]) assert.deepEqual(lobbyRows(bad, 0), []);
});

test('ages read as text', () => {
  assert.equal(ageText(0), 'just now');
  assert.equal(ageText(-100), 'just now');
  assert.equal(ageText(42_000), '42 s');
  assert.equal(ageText(5 * 60_000 + 10), '5 min');
  assert.equal(ageText(3 * 3_600_000), '3 h');
  assert.equal(ageText(2 * 86_400_000), '2 d');
});

test('each quick-match and rematch refusal has its own text', () => {
  const reasons = ['invalid_name', 'already_waiting', 'already_matched', 'name_busy', 'busy', 'rate_limited',
    'not_over', 'unauthorized', 'offline'];
  const texts = new Set(reasons.map(matchErrorText));
  assert.equal(texts.size, reasons.length);
  assert.ok(!texts.has(matchErrorText('something_new')));
});

test('rematch: my offer waits for the opponent, the opponent\'s offer asks me, either order', () => {
  let s = 'none';
  s = rematchReduce(s, { type: 'offered_ok' }, 'player1');
  assert.equal(s, 'offered');
  s = rematchReduce(s, { type: 'broadcast', player: 'player1' }, 'player1'); // my own offer's broadcast
  assert.equal(s, 'offered');
  let t = rematchReduce('none', { type: 'broadcast', player: 'player1' }, 'player2');
  assert.equal(t, 'asked');
  assert.equal(rematchReduce(t, { type: 'reset' }, 'player2'), 'none');
  assert.equal(rematchReduce('offered', { type: 'failed' }, 'player1'), 'failed');
});

test('rematch box: hidden until the game is over, then one button per state', () => {
  assert.equal(rematchView('none', false, 'diva').hidden, true);
  assert.deepEqual(rematchView('none', true, 'diva'), { hidden: false, label: 'Rematch', status: 'Play again with the roles swapped?', disabled: false });
  assert.equal(rematchView('offered', true, 'diva').disabled, true);
  assert.match(rematchView('offered', true, 'diva').status, /Waiting for diva/);
  assert.equal(rematchView('asked', true, 'moon').label, 'Accept rematch');
  assert.match(rematchView('asked', true, null).status, /your opponent wants a rematch/);
});
