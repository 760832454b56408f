import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computerRefusalText, playComputerPayload } from '../../../main/resources/public/js/bot.js';

test('play_computer passes the invitation only when the page holds one', () => {
  assert.deepEqual(playComputerPayload('s3cret-_X'), { invitation: 's3cret-_X' });
  assert.deepEqual(playComputerPayload(null), {});
  assert.deepEqual(playComputerPayload(''), {});
  assert.deepEqual(playComputerPayload(42), {});
});

test('each refusal of play_computer has its own text; an unknown one is shown shortened', () => {
  const reasons = ['bots_busy', 'bot_already_playing', 'seat_taken', 'not_started', 'unauthorized', 'unavailable'];
  const texts = new Set(reasons.map(computerRefusalText));
  assert.equal(texts.size, reasons.length);
  assert.match(computerRefusalText('bots_busy'), /busy/);
  assert.equal(computerRefusalText('x'.repeat(100)), `The computer cannot join: ${'x'.repeat(40)}`);
});
