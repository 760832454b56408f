package io.islands.server.phoenix;

import io.islands.runtime.ExitException;
import io.islands.runtime.ExitReason;
import io.islands.runtime.Name;
import io.islands.runtime.StartResult;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.ChildStart;
import io.islands.runtime.supervisor.DynamicSupervisor;
import io.islands.runtime.supervisor.Restart;
import io.islands.runtime.supervisor.Shutdown;
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
 * @param sockets the dynamic supervisor of the socket processes ({@code sockets})
 * @param channels the dynamic supervisor of the channel processes ({@code channels})
 */
record Endpoint(ChannelRoutes routes, PubSub pubSub, Presence presence,
                Duration idleTimeout, int maxFrameBytes, Duration joinTimeout, ChannelCounters counters,
                LogLimiter warnings, Mailboxes mailboxes, int maxChannelsPerSocket, int framesPerSecond,
                Name sockets, Name channels) {

    /**
     * Starts a temporary child (never restarted: a dead socket is its client's to reconnect, a
     * dead channel its client's to rejoin) under the dynamic supervisor {@code sup}.
     *
     * @param id the child's id as the observer shows it (text already cleaned of client input)
     * @return the start's result; {@code Error(noproc)} when that supervisor is not running (it
     *     is being restarted, or the server is stopping)
     */
    static StartResult startTemporary(Name sup, String id, Duration shutdown, ChildStart start) {
        ChildSpec spec = ChildSpec.worker(id, start).withRestart(Restart.TEMPORARY).withShutdown(Shutdown.timeout(shutdown));
        try {
            return sup.whereis().map(pid -> DynamicSupervisor.startChild(pid, spec))
                    .orElseGet(() -> new StartResult.Error(ExitReason.NOPROC));
        } catch (ExitException e) { // the supervisor died during the call
            return new StartResult.Error(e.reason());
        }
    }
}
