package io.islands.storage.cluster;

/**
 * A game's live owner. Immutable.
 *
 * @param game the game
 * @param node the owning node's name
 * @param epoch the owning node's epoch
 * @param address where the owner is reached
 * @param fence the game's fence number, raised by every claim
 */
public record Owner(String game, String node, long epoch, String address, long fence) {}
