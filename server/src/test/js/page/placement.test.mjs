import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forested, landMap, nextUnplaced, preview, shapeCells } from '../../../main/resources/public/js/placement.js';
import { DEF } from './fixtures.mjs';

const island = (cells, hits = []) => ({
  coordinates: cells.map(([row, col]) => ({ row, col })), hit_coordinates: hits.map(([row, col]) => ({ row, col })),
});

test('a shape is placed by its upper-left corner (the s_shape corner is water)', () => {
  assert.deepEqual(shapeCells(DEF, 's_shape', 3, 4), [{ row: 3, col: 5 }, { row: 3, col: 6 }, { row: 4, col: 4 }, { row: 4, col: 5 }]);
  assert.deepEqual(shapeCells(DEF, 'boat', 1, 1), []);
});

test('preview: ok on open water, off past the edge, bad over another island', () => {
  const board = { dot: island([[5, 5]]) };
  assert.equal(preview(DEF, board, 'square', 1, 1).verdict, 'ok');
  assert.equal(preview(DEF, board, 'square', 10, 1).verdict, 'off');
  assert.equal(preview(DEF, board, 'atoll', 1, 10).verdict, 'off');
  const clash = preview(DEF, board, 'square', 4, 4);
  assert.equal(clash.verdict, 'bad');
  assert.equal(clash.clashWith, 'dot');
});

test('preview: moving an island over its own old place is fine', () => {
  const board = { square: island([[1, 1], [1, 2], [2, 1], [2, 2]]) };
  assert.equal(preview(DEF, board, 'square', 2, 2).verdict, 'ok');
  assert.equal(preview(DEF, board, 'dot', 2, 2).verdict, 'bad');
});

test('off wins over bad when both hold', () => {
  const board = { dot: island([[10, 9]]) };
  assert.equal(preview(DEF, board, 'square', 10, 9).verdict, 'off');
});

test('nextUnplaced walks the palette from the selection, wrapping, skipping placed types', () => {
  const order = ['atoll', 'square', 'l_shape', 's_shape', 'dot'];
  assert.equal(nextUnplaced(order, {}, 'atoll'), 'square');
  assert.equal(nextUnplaced(order, { square: {}, l_shape: {} }, 'atoll'), 's_shape');
  assert.equal(nextUnplaced(order, { atoll: {} }, 'dot'), 'square');
  const all = Object.fromEntries(order.map((t) => [t, {}]));
  assert.equal(nextUnplaced(order, all, 'l_shape'), 'l_shape');
});

test('an island is forested when every cell is hit', () => {
  assert.equal(forested(island([[1, 1], [1, 2]], [[1, 1]])), false);
  assert.equal(forested(island([[1, 1], [1, 2]], [[1, 2], [1, 1]])), true);
  assert.equal(forested(island([])), false);
});

test('landMap maps each cell to its island', () => {
  const m = landMap({ dot: island([[3, 3]]), square: island([[1, 1], [1, 2], [2, 1], [2, 2]]) });
  assert.equal(m.get('3,3'), 'dot');
  assert.equal(m.get('2,2'), 'square');
  assert.equal(m.size, 5);
});
