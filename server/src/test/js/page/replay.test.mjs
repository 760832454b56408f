import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boardsAt, parseReplay, stepText } from '../../../main/resources/public/js/replay.js';
import { DEF } from './fixtures.mjs';

const DOC = {
  game: 'moon', players: { player1: 'moon', player2: 'computer' }, winner: 'player2', finished_at: 1,
  steps: [
    { move: 'add_player', player: 'player2' },
    { move: 'position_island', player: 'player1', island: 'square', row: 1, col: 1 },
    { move: 'position_island', player: 'player1', island: 'square', row: 5, col: 5 },
    { move: 'position_island', player: 'player2', island: 'dot', row: 2, col: 2 },
    { move: 'set_islands', player: 'player1' },
    { move: 'guess', player: 'player1', row: 2, col: 2, hit: true, forested: 'dot', win: false },
    { move: 'guess', player: 'player2', row: 5, col: 5, hit: true, forested: null, win: false },
    { move: 'guess', player: 'player1', again: true },
    { move: 'guess', player: 'player2', row: 9, col: 9, hit: false, forested: null, win: true },
  ],
};

test('the boards after n steps: a moved island counts where it was placed last; shots land on the opponent', () => {
  const r = parseReplay(DEF, DOC);
  assert.deepEqual(boardsAt(DEF, r, 0), { player1: { land: {}, shots: {} }, player2: { land: {}, shots: {} } });
  assert.deepEqual(Object.keys(boardsAt(DEF, r, 2).player1.land).sort(), ['1,1', '1,2', '2,1', '2,2']);
  const end = boardsAt(DEF, r, 99);
  assert.deepEqual(Object.keys(end.player1.land).sort(), ['5,5', '5,6', '6,5', '6,6']);
  assert.deepEqual(end.player2.land, { '2,2': 'dot' });
  assert.deepEqual(end.player2.shots, { '2,2': 'hit' });
  assert.deepEqual(end.player1.shots, { '5,5': 'hit', '9,9': 'miss' });
});

test('each step has a text', () => {
  const r = parseReplay(DEF, DOC);
  assert.equal(stepText(r, -1), 'Start of the game.');
  assert.equal(stepText(r, 0), 'computer joined.');
  assert.equal(stepText(r, 1), 'moon placed the Square at row 1, column 1.');
  assert.equal(stepText(r, 5), 'moon fired at row 2, column 2: hit, and forested the Dot.');
  assert.equal(stepText(r, 7), 'moon fired at waters fired at before.');
  assert.equal(stepText(r, 8), 'computer fired at row 9, column 9: miss. computer won!');
});

test('a document of another shape is refused', () => {
  assert.throws(() => parseReplay(DEF, null), /not a replay/);
  assert.throws(() => parseReplay(DEF, { steps: [{ move: 'flood', player: 'player1' }] }), /step/);
  assert.throws(() => parseReplay(DEF, { steps: [{ move: 'guess', player: 'player1', row: 11, col: 1 }] }), /guess/);
  assert.throws(() => parseReplay(DEF, { steps: [{ move: 'position_island', player: 'player1', island: 'blob', row: 1, col: 1 }] }), /island/);
  assert.throws(() => parseReplay(DEF, { steps: new Array(2001).fill({ move: 'set_islands', player: 'player1' }) }), /too many/);
});
