package io.islands.server.phoenix;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A handler that throws ends its own channel only: phx_error to its client; all else lives on. */
class ChannelCrashTest {
    @RegisterExtension
    static final TestServer ts = new TestServer();

    @Test
    void throwingHandler_phxErrorToItsClientOnly_otherChannelsLiveOn_andRejoinWorks() throws Exception {
        try (WsClient a = ts.connect(); WsClient b = ts.connect()) {
            String c1 = a.join("echo:crash", Map.of());
            a.next();
            String c2 = a.join("echo:calm", Map.of());
            a.next();
            b.join("echo:crash", Map.of());
            b.next();

            a.send(c1, "echo:crash", "crash", Map.of());
            assertThat(a.next()).isEqualTo(json("['1','1','echo:crash','phx_error',{}]"));
            assertThat(awaitTerminate("echo:crash"))
                    .isEqualTo("terminate echo:crash {crash, java.lang.IllegalStateException: crash requested}");

            a.send(c2, "echo:calm", "echo", Map.of("ok", true));
            assertThat(a.next()).isEqualTo(json("['2','4','echo:calm','phx_reply',{'status':'ok','response':{'ok':true}}]"));
            a.send(c1, "echo:crash", "echo", Map.of());
            assertThat(a.next().get(4)).isEqualTo(json("{'status':'error','response':{'reason':'unmatched topic'}}"));
            assertThat(b.heartbeat().get(3).asText()).as("b saw no phx_error").isEqualTo("phx_reply");

            String again = a.join("echo:crash", Map.of());
            assertThat(a.next()).isEqualTo(json(
                    "['6','6','echo:crash','phx_reply',{'status':'ok','response':{'topic':'echo:crash','params':{}}}]"));
            a.send(again, "echo:crash", "shout", Map.of("back", true));
            assertThat(List.of(a.next(), b.next())).containsOnly(json("[null,null,'echo:crash','shout',{'back':true}]"));
            assertThat(ts.server.subscriptions()).isEqualTo(3);
        }
    }

    @Test
    void eventWithoutAHandleInClause_crashesTheChannel_asInPhoenix() throws Exception {
        try (WsClient c = ts.connect()) {
            String ref = c.join("echo:unknown", Map.of());
            c.next();
            c.send(ref, "echo:unknown", "no_such_event", Map.of());
            assertThat(c.next()).isEqualTo(json("['1','1','echo:unknown','phx_error',{}]"));
        }
    }

    private static String awaitTerminate(String topic) throws InterruptedException {
        for (;;) {
            String e = ts.nextEvent(topic);
            if (e.startsWith("terminate")) {
                return e;
            }
        }
    }
}
