import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialState, reduce } from '../../../main/resources/public/js/state.js';
import {
  islandName, joinErrorText, previewText, reasonText, shotTexts, statusText,
} from '../../../main/resources/public/js/texts.js';
import { DEF, view } from './fixtures.mjs';

const at = (over, name = 'moon') => reduce(DEF, reduce(DEF, initialState(DEF), { type: 'enter', game: 'moon', name }), { type: 'view', view: view(over) });

test('each specific refusal of the server has its own text (docs/protocol.md §4.3)', () => {
  const s = at({});
  const texts = new Map();
  for (const reason of ['invalid_coordinate', 'invalid_island_type', 'overlapping_island', 'not_all_islands_positioned',
    'not_started', 'no_opponent_yet', 'islands_already_set', 'player2_already_added', 'unauthorized', 'already_started',
    'rate_limited', 'unknown_event', 'invalid_params', 'invalid_name', 'store', 'timeout', 'crashed', 'quarantined', 'error']) {
    const text = reasonText('position_island', reason, s);
    assert.doesNotMatch(text, /The server refused/, reason);
    assert.ok(!texts.has(text), `${reason} shares its text with ${texts.get(text)}`);
    texts.set(text, reason);
  }
  assert.equal(reasonText('position_island', 'islands_already_set', s), 'Your islands are already set: they cannot move any more.');
  assert.equal(reasonText('position_island', 'no_opponent_yet', s), 'Wait for an opponent to join before placing islands.');
  assert.equal(reasonText('position_island', 'flood', s), 'The server refused: flood');
});

test('off the board: the island selected when placing, the cell when guessing', () => {
  const s = at({});
  assert.match(reasonText('position_island', 'invalid_coordinate', s), /The Atoll would run off the board/);
  assert.match(reasonText('guess_coordinate', 'invalid_coordinate', s), /That cell is off the board/);
});

test('"Not your turn." is explained from the server\'s state', () => {
  assert.equal(reasonText('guess_coordinate', 'Not your turn.', at({ state: 'player2_turn' })), 'Not your turn: wait for diva.');
  assert.match(reasonText('guess_coordinate', 'Not your turn.', at({ state: 'players_set' })), /battle has not started/);
  assert.match(reasonText('guess_coordinate', 'Not your turn.', at({ state: 'game_over' })), /game is over/);
});

test('refused joins', () => {
  assert.match(joinErrorText({ reason: 'unauthorized' }, 'moon', 'diva'), /Cannot join game “moon” as “diva”/);
  assert.match(joinErrorText({ reason: 'invitation_required' }, 'moon', 'diva'), /by invitation only/);
  assert.equal(joinErrorText({ reason: 'invalid_name', field: 'screen_name', rule: '1 to 40 letters, digits, _ or -' }, 'moon', 'a b'),
    'The name “a b” is not allowed: names are 1 to 40 letters, digits, _ or -.');
  assert.match(joinErrorText({ reason: 'invalid_name', field: 'game' }, 'a b', 'diva'), /^The game name “a b” is not allowed/);
  assert.match(joinErrorText({ reason: 'too_many_channels' }, 'moon', 'diva'), /too many games/);
  assert.equal(joinErrorText({}, 'moon', 'diva'), 'Could not join game “moon”: error.');
});

test('the status line follows the phase', () => {
  assert.equal(statusText(DEF, at({ started: false, state: 'initialized', players: { player1: 'moon', player2: null } })), 'Creating your game…');
  assert.equal(statusText(DEF, at({ started: false, state: 'initialized', role: null }, 'diva')), 'Waiting for moon to open the game…');
  assert.equal(statusText(DEF, at({ role: null }, 'diva')), 'Taking the second seat…');
  assert.equal(statusText(DEF, at({})), 'Place your islands (0 of 5), then press Set islands.');
  assert.equal(statusText(DEF, at({ islands_set: { player1: false, player2: true } })), 'Place your islands (0 of 5), then press Set islands. diva is ready and waiting.');
  assert.equal(statusText(DEF, at({ islands_set: { player1: true, player2: false } })), 'Islands set. Waiting for diva to set theirs…');
  assert.equal(statusText(DEF, at({ state: 'player1_turn' })), 'Your turn: fire at enemy waters.');
  assert.equal(statusText(DEF, at({ state: 'player2_turn' })), "diva's turn: brace yourself…");
  assert.equal(statusText(DEF, at({ state: 'game_over', winner: 'player1' })), "You won! Every one of diva's islands is forested.");
  assert.equal(statusText(DEF, at({ state: 'game_over', winner: 'player2' })), 'diva won. All your islands are forested.');
});

test('shot texts, mine and theirs', () => {
  const s = at({ state: 'player1_turn', board: { square: { coordinates: [{ row: 1, col: 1 }], hit_coordinates: [] } } });
  const mine = (row, col, hit, island, win) => shotTexts(s, { player: 'player1', row, col, result: { hit, island, win } });
  assert.deepEqual(mine(3, 7, false, 'none', 'no_win'), { shot: 'You fired at row 3, column 7: splash, a miss.', kind: 'miss', win: null });
  assert.equal(mine(3, 7, true, 'none', 'no_win').shot, 'You fired at row 3, column 7: hit!');
  assert.equal(mine(3, 7, true, 'l_shape', 'no_win').shot, 'You fired at row 3, column 7: hit! You forested their L-shape.');
  assert.equal(mine(3, 7, true, 'dot', 'win').win, 'Victory! You win the game.');
  const theirs = shotTexts(s, { player: 'player2', row: 1, col: 1, result: { hit: true, island: 'none', win: 'no_win' } });
  assert.equal(theirs.shot, 'diva fired at row 1, column 1: hit on your Square.');
});

test('preview hints and island names', () => {
  assert.equal(previewText('square', 10, 1, { verdict: 'off' }, false), 'Square at row 10, column 1 would run off the board.');
  assert.equal(previewText('square', 4, 4, { verdict: 'bad', clashWith: 'dot' }, false), 'Square at row 4, column 4 would overlap your Dot.');
  assert.equal(previewText('s_shape', 1, 1, { verdict: 'ok' }, true), 'S-shape fits at row 1, column 1: press Enter or click to move it here.');
  assert.equal(islandName('big_rock'), 'Big rock');
});
