package io.islands.server.phoenix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The presence tracker's bookkeeping of which topics each channel is in: a channel's exit drops
 * its entries from exactly its own topics (the tracker no longer scans every topic per exit,
 * which made it quadratic when many sockets closed at once), an untrack from one topic keeps the
 * channel's other topics, and nothing is left once every channel is gone.
 */
class PresenceTrackerTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Presence.Entry> list(Pid tracker, String topic) {
        return (Map<String, Presence.Entry>) GenServer.call(tracker, new PresenceTracker.ListTopic(topic));
    }

    private static Pid idleChannel() {
        return Proc.spawn(() -> Proc.receive(m -> false, Duration.ofMinutes(5)));
    }

    @Test
    void aChannelsExitLeavesItsOwnTopics_untrackKeepsItsOthers_andManyExitsLeaveNothing() {
        PubSub pubSub = new PubSub(new Mailboxes(1000, 1 << 20, new ChannelCounters()), BroadcastRelay.NONE);
        StartResult started = GenServer.start(new PresenceTracker(pubSub), GenServer.StartOptions.DEFAULT);
        Pid tracker = ((StartResult.Ok) started).pid();
        try {
            Pid moon = idleChannel();
            GenServer.call(tracker, new PresenceTracker.Track(moon, "room:a", "moon", Map.of()));
            GenServer.call(tracker, new PresenceTracker.Track(moon, "room:b", "moon", Map.of()));
            GenServer.call(tracker, new PresenceTracker.Untrack(moon, "room:a", "moon"));
            assertThat(list(tracker, "room:a")).isEmpty();
            assertThat(list(tracker, "room:b")).containsOnlyKeys("moon");

            List<Pid> many = new ArrayList<>();
            for (int i = 0; i < 300; i++) { // each in a topic of its own and in the shared one
                Pid c = idleChannel();
                many.add(c);
                GenServer.call(tracker, new PresenceTracker.Track(c, "game:" + i, "p" + i, Map.of()));
                GenServer.call(tracker, new PresenceTracker.Track(c, "room:b", "p" + i, Map.of()));
            }
            assertThat(list(tracker, "room:b")).hasSize(301);

            Proc.exit(moon, ExitReason.kill());
            many.forEach(c -> Proc.exit(c, ExitReason.kill()));
            await().atMost(Duration.ofSeconds(20)).until(() -> list(tracker, "room:b").isEmpty());
            for (int i = 0; i < 300; i++) {
                assertThat(list(tracker, "game:" + i)).as("game:%d", i).isEmpty();
            }
        } finally {
            Proc.exit(tracker, ExitReason.kill());
        }
    }
}
