package io.islands.server.phoenix;

import io.islands.server.logging.LogLimiter;
import java.time.Duration;

/**
 * What every socket and channel process of one server shares: the routes, pub/sub, presence
 * and limits (Phoenix's endpoint). Immutable apart from its counters.
 *
 * @param idleTimeout a socket with no inbound frame for this long is closed (1001 "idle timeout")
 * @param maxFrameBytes inbound text frames above this UTF-8 size are refused, not decoded
 * @param joinTimeout how long a socket waits for a channel's join callback
 * @param counters channel errors and refused frames (the one mutable part: counters)
 * @param warnings the rate limit shared by the warnings about clients' bad input
 * @param mailboxes the bound on each socket process's mailbox
 * @param maxChannelsPerSocket channels one socket may have joined at once
 * @param framesPerSecond inbound frames per second one socket may send (twice that in a burst)
 */
record Endpoint(ChannelRoutes routes, PubSub pubSub, Presence presence,
                Duration idleTimeout, int maxFrameBytes, Duration joinTimeout, ChannelCounters counters,
                LogLimiter warnings, Mailboxes mailboxes, int maxChannelsPerSocket, int framesPerSecond) {}
