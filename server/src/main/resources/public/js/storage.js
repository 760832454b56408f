// What the page keeps in the browser (docs/protocol.md §2.1, §6): the seat token of each
// (game, screen name) and a game's invitation in localStorage, the tab's current game in
// sessionStorage (so a reload rejoins), the last name used. Never throws: a private mode may
// refuse storage, and the page then just forgets.

/**
 * @param local a Storage (window.localStorage), or null
 * @param session a Storage (window.sessionStorage), or null
 */
export function createStorage(local, session) {
  const get = (area, k) => { try { return area ? area.getItem(k) : null; } catch { return null; } };
  const set = (area, k, v) => { try { if (area) area.setItem(k, v); } catch { /* ignore */ } };
  const del = (area, k) => { try { if (area) area.removeItem(k); } catch { /* ignore */ } };
  return {
    /** @returns {string|null} the seat token for `name` in `game` */
    token: (game, name) => get(local, `islands:${game}:${name}`),
    setToken: (game, name, token) => set(local, `islands:${game}:${name}`, token),
    /** @returns {string|null} the invitation of `game` (its creator's, to share) */
    invitation: (game) => get(local, `islands:${game}:invitation`),
    setInvitation: (game, secret) => set(local, `islands:${game}:invitation`, secret),
    /** @returns {string|null} the last screen name used in this browser */
    lastName: () => get(local, 'islands:name'),
    setLastName: (name) => set(local, 'islands:name', name),
    /** @returns {{game: string, name: string}|null} this tab's current game */
    session() {
      try {
        const s = JSON.parse(get(session, 'islands:session'));
        return s && typeof s.game === 'string' && typeof s.name === 'string' ? { game: s.game, name: s.name } : null;
      } catch { return null; }
    },
    setSession: (game, name) => set(session, 'islands:session', JSON.stringify({ game, name })),
    clearSession: () => del(session, 'islands:session'),
  };
}

/**
 * A new seat token to propose on a first join (docs/protocol.md §2.1): 24 random bytes in
 * URL-safe Base64, as long as one the server makes.
 */
export function newSeatToken() {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * The join params for `game` as `name` (docs/protocol.md §2.1): always a seat token (the one
 * kept for this game and name, else a new one from `propose`, kept before it is sent: a first
 * join whose reply is lost is retried with it and gets its seat back), `invite` on the
 * creator's first join when asked, the invitation of the link.
 * @param ask {creating: boolean, invitation: {game, secret}|null}
 * @param propose () => string, a new token (newSeatToken)
 */
export function joinParams(storage, game, name, ask, propose = newSeatToken) {
  let token = storage.token(game, name);
  if (!token) {
    token = propose();
    storage.setToken(game, name, token);
  }
  const p = { screen_name: name, token };
  if (name === game && ask.creating) p.invite = true; // only the creator's first join: a rejoin keeps the link valid
  if (name !== game && ask.invitation && ask.invitation.game === game) p.invitation = ask.invitation.secret;
  return p;
}
