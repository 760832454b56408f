import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDefinition, parseDefinition } from '../../../main/resources/public/js/definition.js';
import { GAME_JSON } from './fixtures.mjs';

test('parses the server document: size, types in its order, shapes and turns', () => {
  const def = parseDefinition(GAME_JSON);
  assert.equal(def.size, 10);
  assert.deepEqual(def.types, ['atoll', 'dot', 'l_shape', 's_shape', 'square']);
  assert.deepEqual(def.shapes.s_shape, [[0, 1], [0, 2], [1, 0], [1, 1]]);
  assert.deepEqual(def.turns, { initialized: null, players_set: null, player1_turn: 'player1', player2_turn: 'player2', game_over: null });
  assert.ok(Object.isFrozen(def.shapes.atoll));
});

test('refuses documents of another shape', () => {
  for (const bad of [null, 7, {}, { ...GAME_JSON, size: 0 }, { ...GAME_JSON, islands: {} },
    { ...GAME_JSON, islands: { dot: [[0, 10]] } }, { ...GAME_JSON, islands: { dot: [[0]] } },
    { ...GAME_JSON, islands: { dot: [] } }, { ...GAME_JSON, states: {} }]) {
    assert.throws(() => parseDefinition(bad), /game\.json/, JSON.stringify(bad));
  }
});

test('an unknown turn value counts as nobody\'s turn', () => {
  const def = parseDefinition({ ...GAME_JSON, states: { odd: { turn: 'player3' } } });
  assert.equal(def.turns.odd, null);
});

test('loads through fetch, and fails on an HTTP error', async () => {
  const asked = [];
  const fetchOk = async (url) => { asked.push(url); return new Response(JSON.stringify(GAME_JSON), { status: 200 }); };
  assert.equal((await loadDefinition(fetchOk)).size, 10);
  assert.deepEqual(asked, ['game.json']);
  const fetch404 = async () => new Response('no', { status: 404 });
  await assert.rejects(loadDefinition(fetch404), /HTTP 404/);
});
