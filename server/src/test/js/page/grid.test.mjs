import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyMove } from '../../../main/resources/public/js/grid.js';

test('arrow keys, Home/End and PageUp/PageDown move within the board', () => {
  assert.deepEqual(keyMove('ArrowUp', 5, 5, 10), [4, 5]);
  assert.deepEqual(keyMove('ArrowDown', 5, 5, 10), [6, 5]);
  assert.deepEqual(keyMove('ArrowLeft', 5, 5, 10), [5, 4]);
  assert.deepEqual(keyMove('ArrowRight', 5, 5, 10), [5, 6]);
  assert.deepEqual(keyMove('Home', 5, 5, 10), [5, 1]);
  assert.deepEqual(keyMove('End', 5, 5, 10), [5, 10]);
  assert.deepEqual(keyMove('PageUp', 5, 5, 10), [1, 5]);
  assert.deepEqual(keyMove('PageDown', 5, 5, 10), [10, 5]);
});

test('the edges hold; other keys do not move', () => {
  assert.deepEqual(keyMove('ArrowUp', 1, 1, 10), [1, 1]);
  assert.deepEqual(keyMove('ArrowRight', 10, 10, 10), [10, 10]);
  assert.equal(keyMove('Enter', 3, 3, 10), null);
  assert.equal(keyMove('1', 3, 3, 10), null);
});
