import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alreadyGuessed, applyBroadcast, initialState, myTurn, normalizeView, paletteOf, phase, reduce,
} from '../../../main/resources/public/js/state.js';
import { DEF, deepFreeze, view } from './fixtures.mjs';

/** Runs `actions` through the reducer from a page that entered game moon as `name`, freezing every state. */
function run(actions, name = 'moon') {
  let s = deepFreeze(reduce(DEF, initialState(DEF), { type: 'enter', game: 'moon', name }));
  for (const a of actions) s = deepFreeze(reduce(DEF, s, deepFreeze(a)));
  return s;
}
const shot = (player, row, col, hit, island = 'none', win = 'no_win') =>
  ({ type: 'broadcast', event: 'player_guessed_coordinate', payload: { player, row, col, result: { hit, island, win } } });
const dot = (row, col, hits = []) => ({ coordinates: [{ row, col }], hit_coordinates: hits });

test('the lobby, then joining, then the phase the server\'s view says', () => {
  assert.equal(phase(DEF, initialState(DEF)), 'lobby');
  assert.equal(phase(DEF, run([])), 'joining');
  const cases = [
    [{ started: false, state: 'initialized', role: 'player1' }, 'waiting'],
    [{ started: true, state: 'initialized' }, 'waiting'],
    [{ started: true, role: null }, 'waiting'],
    [{ state: 'players_set' }, 'placing'],
    [{ state: 'players_set', islands_set: { player1: true, player2: false } }, 'ready'],
    [{ state: 'player1_turn' }, 'playing'],
    [{ state: 'player2_turn' }, 'playing'],
    [{ state: 'game_over', winner: 'player1' }, 'over'],
  ];
  for (const [over, expected] of cases) assert.equal(phase(DEF, run([{ type: 'view', view: view(over) }])), expected, JSON.stringify(over));
});

test('whose turn comes from the definition\'s states and the server\'s state', () => {
  assert.equal(myTurn(DEF, run([{ type: 'view', view: view({ state: 'player1_turn' }) }])), true);
  assert.equal(myTurn(DEF, run([{ type: 'view', view: view({ state: 'player2_turn' }) }])), false);
  assert.equal(myTurn(DEF, run([{ type: 'view', view: view({ state: 'player2_turn', role: 'player2' }) }], 'diva')), true);
  assert.equal(myTurn(DEF, run([{ type: 'view', view: view({ state: 'players_set' }) }])), false);
});

test('a view is normalized: missing or ill-typed fields get their empty value', () => {
  const v = normalizeView({ role: 'player3', board: { dot: { coordinates: [{ row: 1, col: 'x' }, { row: 2, col: 2 }] } }, forested: ['dot', 4] }, 'moon');
  assert.equal(v.role, null);
  assert.equal(v.started, false);
  assert.equal(v.state, 'initialized');
  assert.deepEqual(v.players, { player1: 'moon', player2: null });
  assert.deepEqual(v.board.dot, { coordinates: [{ row: 2, col: 2 }], hit_coordinates: [] });
  assert.deepEqual(v.forested, ['dot']);
  assert.deepEqual(normalizeView(null, 'moon').guesses, { hits: [], misses: [] });
});

test('my shot: recorded, the shot settled, the state stale until the next view', () => {
  const s = run([
    { type: 'view', view: view({ state: 'player1_turn' }) },
    { type: 'guess_sent', row: 3, col: 7 },
    shot('player1', 3, 7, true, 'dot'),
  ]);
  assert.deepEqual(s.view.guesses.hits, [{ row: 3, col: 7 }]);
  assert.deepEqual(s.view.forested, ['dot']);
  assert.equal(s.pendingGuess, null);
  assert.equal(s.fresh.target, '3,7');
  assert.equal(s.stale, true);
  assert.equal(s.view.state, 'player1_turn', 'the reducer keeps no copy of the rules: the state waits for the server');
  assert.equal(myTurn(DEF, s), false, 'not my turn while stale');
  assert.ok(alreadyGuessed(s, 3, 7));
  const fresh = reduce(DEF, s, { type: 'view', view: view({ state: 'player2_turn', guesses: { hits: [{ row: 3, col: 7 }], misses: [] }, forested: ['dot'] }) });
  assert.equal(fresh.stale, false);
  assert.equal(fresh.view.state, 'player2_turn');
});

test('their shot: on my board, my island hit', () => {
  const s = run([
    { type: 'view', view: view({ state: 'player2_turn', board: { dot: dot(1, 5) } }) },
    shot('player2', 1, 5, true, 'dot'),
    shot('player2', 9, 9, false),
  ]);
  assert.deepEqual(s.view.board.dot.hit_coordinates, [{ row: 1, col: 5 }]);
  assert.deepEqual(s.view.opponent_guesses, { hits: [{ row: 1, col: 5 }], misses: [{ row: 9, col: 9 }] });
  assert.equal(s.fresh.own, '9,9');
  assert.deepEqual(s.view.guesses, { hits: [], misses: [] });
});

test('broadcasts are idempotent facts', () => {
  const v = normalizeView(view({ state: 'player1_turn' }), 'moon');
  const p = { player: 'player1', row: 2, col: 2, result: { hit: false, island: 'none', win: 'no_win' } };
  const once = applyBroadcast(v, 'player_guessed_coordinate', p);
  assert.deepEqual(applyBroadcast(once, 'player_guessed_coordinate', p), once);
  const set = applyBroadcast(v, 'player_set_islands', { player: 'player2' });
  assert.deepEqual(set.islands_set, { player1: false, player2: true });
  assert.equal(applyBroadcast(v, 'player_set_islands', { player: 'someone' }), v);
  assert.equal(applyBroadcast(v, 'player_guessed_coordinate', { player: 'player1', row: 'a', col: 1 }), v);
});

test('game_started says the game started; the rules state still waits for the server\'s view', () => {
  const s = run([{ type: 'view', view: view({ started: false, state: 'initialized', role: null, players: { player1: 'moon', player2: null } }) },
    { type: 'broadcast', event: 'game_started', payload: { game: 'moon' } }], 'diva');
  assert.equal(s.stale, true);
  assert.equal(s.view.started, true);
  assert.equal(s.view.state, 'initialized');
  assert.equal(phase(DEF, s), 'waiting');
  const added = reduce(DEF, s, { type: 'broadcast', event: 'player_added', payload: { message: 'New player just joined: diva' } });
  assert.deepEqual(added.view, s.view, 'player_added states no fact the view holds');
  const ignored = run([{ type: 'broadcast', event: 'shout', payload: {} }]);
  assert.equal(ignored.stale, false);
});

test('broadcasts that arrive while a view is asked for are replayed onto its reply', () => {
  const s = run([
    { type: 'view', view: view({ state: 'player1_turn' }) },
    { type: 'view_requested' },
    shot('player1', 4, 4, false),
    // the reply was made before the shot: it lacks it
    { type: 'view', view: view({ state: 'player1_turn' }) },
  ]);
  assert.deepEqual(s.view.guesses.misses, [{ row: 4, col: 4 }], 'the shot is not lost');
  assert.equal(s.stale, true, 'and the page asks again');
  assert.equal(s.journal, null);
  const again = reduce(DEF, reduce(DEF, s, { type: 'view_requested' }), { type: 'view', view: view({ state: 'player2_turn', guesses: { hits: [], misses: [{ row: 4, col: 4 }] } }) });
  assert.equal(again.stale, false);
  assert.deepEqual(again.view.guesses.misses, [{ row: 4, col: 4 }]);
});

test('a view without a request pending replaces the state and is not stale', () => {
  const s = run([{ type: 'view', view: view() }, shot('player2', 1, 1, false), { type: 'view', view: view({ state: 'player1_turn' }) }]);
  assert.equal(s.stale, false);
  assert.deepEqual(s.view.opponent_guesses.misses, [], 'the server\'s view wins');
});

test('placing: the island drawn from the server\'s shape, the palette moves to the next unplaced one', () => {
  assert.deepEqual(paletteOf(DEF), ['atoll', 'square', 'l_shape', 's_shape', 'dot']);
  let s = run([{ type: 'view', view: view() }]);
  assert.equal(s.selected, 'atoll');
  s = reduce(DEF, s, { type: 'placed', island: 'atoll', row: 1, col: 1 });
  assert.deepEqual(s.view.board.atoll.coordinates, [{ row: 1, col: 1 }, { row: 1, col: 2 }, { row: 2, col: 2 }, { row: 3, col: 1 }, { row: 3, col: 2 }]);
  assert.equal(s.selected, 'square');
  s = reduce(DEF, reduce(DEF, s, { type: 'select', island: 'atoll' }), { type: 'placed', island: 'atoll', row: 5, col: 5 });
  assert.equal(s.selected, 'atoll', 'moving a placed island keeps it selected');
  assert.deepEqual(s.view.board.atoll.coordinates[0], { row: 5, col: 5 });
  assert.equal(reduce(DEF, s, { type: 'select', island: 'boat' }), s);
});

test('a placement confirmed after another island was picked keeps that pick', () => {
  let s = run([{ type: 'view', view: view() }, { type: 'select', island: 'dot' }]);
  s = reduce(DEF, s, { type: 'placed', island: 'atoll', row: 1, col: 1 });
  assert.equal(s.selected, 'dot');
});

test('a view keeps the palette on an island still to place', () => {
  const s = run([{ type: 'select', island: 'dot' }, { type: 'view', view: view({ board: { dot: dot(1, 1) } }) }]);
  assert.equal(s.selected, 'atoll');
});

test('islands set: the reply\'s board and my flag', () => {
  const s = run([{ type: 'view', view: view() }, { type: 'islands_set', board: { dot: dot(2, 3) } }]);
  assert.deepEqual(s.view.islands_set, { player1: true, player2: false });
  assert.deepEqual(s.view.board, { dot: dot(2, 3) });
  assert.equal(phase(DEF, s), 'ready');
});

test('a failed or timed-out shot clears only itself', () => {
  const s = run([{ type: 'view', view: view({ state: 'player1_turn' }) }, { type: 'guess_sent', row: 1, col: 1 }]);
  assert.equal(s.pendingGuess, '1,1');
  assert.equal(reduce(DEF, s, { type: 'guess_failed', row: 2, col: 2 }).pendingGuess, '1,1');
  assert.equal(reduce(DEF, s, { type: 'guess_failed', row: 1, col: 1 }).pendingGuess, null);
});

test('presence: subscribers, then joins and leaves by ref', () => {
  let s = run([{ type: 'subscribers', list: { moon: { metas: [{ phx_ref: 'a' }] } } }]);
  s = reduce(DEF, s, { type: 'presence_diff', diff: { joins: { diva: { metas: [{ phx_ref: 'b' }] }, moon: { metas: [{ phx_ref: 'c' }] } }, leaves: {} } });
  assert.deepEqual(s.online, { moon: ['a', 'c'], diva: ['b'] });
  s = reduce(DEF, s, { type: 'presence_diff', diff: { joins: {}, leaves: { moon: { metas: [{ phx_ref: 'a' }] }, diva: { metas: [{ phx_ref: 'b' }] } } } });
  assert.deepEqual(s.online, { moon: ['c'] });
  assert.deepEqual(reduce(DEF, s, { type: 'offline' }).online, {});
});

test('hover: the same cell twice returns the same state (nothing to redraw)', () => {
  const s = run([{ type: 'hover', cell: { row: 2, col: 3 } }]);
  assert.equal(reduce(DEF, s, { type: 'hover', cell: { row: 2, col: 3 } }), s);
  assert.equal(reduce(DEF, s, { type: 'hover', cell: null }).hover, null);
});

test('leaving returns to the lobby and keeps the palette selection', () => {
  const s = run([{ type: 'view', view: view() }, { type: 'select', island: 'dot' }, { type: 'leave' }]);
  assert.equal(phase(DEF, s), 'lobby');
  assert.equal(s.selected, 'dot');
  assert.equal(s.view, null);
});
