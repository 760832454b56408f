/*
 * Playing the computer (docs/protocol.md §11): pure helpers for main.js. The page creates an
 * invite-only game named after the player, as "Create game" does, then asks for the computer
 * with `play_computer`, passing the game's invitation so the computer can take the second seat
 * and nobody else can.
 */

/** The `play_computer` payload: the game's invitation when the page holds one. */
export function playComputerPayload(invitation) {
  return typeof invitation === 'string' && invitation ? { invitation } : {};
}

const REFUSALS = {
  bots_busy: 'The computer is busy with too many games right now: try again in a minute.',
  bot_already_playing: 'The computer is already playing in this game.',
  seat_taken: 'Someone already took the second seat of this game.',
  not_started: 'The game is not started yet: try again in a moment.',
  unauthorized: 'Only the player who created the game can call the computer.',
  unavailable: 'The computer cannot play right now: try again in a moment.',
};

/** The text shown when the server refuses `play_computer` for `reason`. */
export function computerRefusalText(reason) {
  return REFUSALS[reason] || `The computer cannot join: ${String(reason).slice(0, 40)}`;
}
