import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createStorage, joinParams, newSeatToken } from '../../../main/resources/public/js/storage.js';

/** The Web Storage interface over a Map (Node has no localStorage). */
class MemoryStorage {
  constructor() { this.map = new Map(); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}
/** A storage that refuses everything, as some private modes do. */
const refusing = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('denied'); }, removeItem() { throw new Error('denied'); } };

test('seat tokens per game and name, under the documented keys', () => {
  const local = new MemoryStorage();
  const st = createStorage(local, new MemoryStorage());
  assert.equal(st.token('moon', 'diva'), null);
  st.setToken('moon', 'diva', 'T2');
  assert.equal(st.token('moon', 'diva'), 'T2');
  assert.equal(st.token('moon', 'moon'), null);
  assert.equal(local.getItem('islands:moon:diva'), 'T2');
  st.setInvitation('moon', 'I1');
  assert.equal(local.getItem('islands:moon:invitation'), 'I1');
  st.setLastName('diva');
  assert.equal(st.lastName(), 'diva');
});

test('the tab\'s session survives as JSON and is forgotten on leave; junk reads as none', () => {
  const session = new MemoryStorage();
  const st = createStorage(new MemoryStorage(), session);
  st.setSession('moon', 'diva');
  assert.deepEqual(st.session(), { game: 'moon', name: 'diva' });
  st.clearSession();
  assert.equal(st.session(), null);
  for (const junk of ['{', '7', '{"game": 1, "name": "x"}', 'null']) {
    session.setItem('islands:session', junk);
    assert.equal(st.session(), null, junk);
  }
});

test('a refusing or missing storage never throws: the page just forgets', () => {
  for (const st of [createStorage(refusing, refusing), createStorage(null, null)]) {
    st.setToken('moon', 'diva', 'T');
    assert.equal(st.token('moon', 'diva'), null);
    st.setSession('moon', 'diva');
    assert.equal(st.session(), null);
    st.clearSession();
  }
});

test('join params: a token always (the kept one, else a new one kept first), invite only on the creator\'s first join, the link\'s invitation', () => {
  const st = createStorage(new MemoryStorage(), new MemoryStorage());
  let n = 0;
  const propose = () => `P${++n}`;
  const none = { creating: false, invitation: null };
  assert.deepEqual(joinParams(st, 'moon', 'moon', { creating: true, invitation: null }, propose),
    { screen_name: 'moon', token: 'P1', invite: true });
  assert.equal(st.token('moon', 'moon'), 'P1', 'kept before the join is sent: its retry proposes the same');
  assert.deepEqual(joinParams(st, 'moon', 'moon', none, propose), { screen_name: 'moon', token: 'P1' });
  const link = { creating: false, invitation: { game: 'moon', secret: 'S' } };
  assert.deepEqual(joinParams(st, 'moon', 'diva', link, propose), { screen_name: 'diva', token: 'P2', invitation: 'S' });
  assert.deepEqual(joinParams(st, 'sun', 'diva', link, propose), { screen_name: 'diva', token: 'P3' }, 'another game\'s link');
  st.setToken('moon', 'diva', 'T2'); // the server's answer wins
  assert.deepEqual(joinParams(st, 'moon', 'diva', link, propose), { screen_name: 'diva', token: 'T2', invitation: 'S' });
});

test('a proposed seat token is 32 URL-safe Base64 characters, new each time', () => {
  const a = newSeatToken();
  assert.match(a, /^[A-Za-z0-9_-]{32}$/);
  assert.notEqual(newSeatToken(), a);
});
