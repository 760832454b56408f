package io.islands.server.phoenix;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JoinAndLeaveTest {
    @RegisterExtension
    static final TestServer ts = new TestServer();

    @Test
    void joinOk_repliesTheHandlersResponse() throws Exception {
        try (WsClient c = ts.connect()) {
            c.join("echo:ok", Map.of("x", 1));
            assertThat(c.next()).isEqualTo(json(
                    "['1','1','echo:ok','phx_reply',{'status':'ok','response':{'topic':'echo:ok','params':{'x':1}}}]"));
        }
    }

    @Test
    void joinRefused_repliesErrorWithTheReason_andTheTopicStaysUnjoined() throws Exception {
        try (WsClient c = ts.connect()) {
            c.join("echo:no", Map.of("reject", "unauthorized"));
            assertThat(c.next()).isEqualTo(json(
                    "['1','1','echo:no','phx_reply',{'status':'error','response':{'reason':'unauthorized'}}]"));
            c.send("1", "echo:no", "echo", Map.of());
            assertThat(c.next()).isEqualTo(json(
                    "['1','2','echo:no','phx_reply',{'status':'error','response':{'reason':'unmatched topic'}}]"));
        }
    }

    @Test
    void joinThatThrows_repliesJoinCrashed_andTheSocketLivesOn() throws Exception {
        try (WsClient c = ts.connect()) {
            c.join("echo:boom", Map.of("crash", true));
            assertThat(c.next()).isEqualTo(json(
                    "['1','1','echo:boom','phx_reply',{'status':'error','response':{'reason':'join crashed'}}]"));
            assertThat(c.heartbeat()).isEqualTo(json(
                    "[null,'2','phoenix','phx_reply',{'status':'ok','response':{}}]"));
        }
    }

    @Test
    void unknownTopic_joinErrorUnmatchedTopic() throws Exception {
        try (WsClient c = ts.connect()) {
            c.join("nowhere:1", Map.of());
            assertThat(c.next()).isEqualTo(json(
                    "['1','1','nowhere:1','phx_reply',{'status':'error','response':{'reason':'unmatched topic'}}]"));
        }
    }

    @Test
    void pushToATopicNotJoined_errorUnmatchedTopic() throws Exception {
        try (WsClient c = ts.connect()) {
            c.send(null, "echo:never", "echo", Map.of("a", 1));
            assertThat(c.next()).isEqualTo(json(
                    "[null,'1','echo:never','phx_reply',{'status':'error','response':{'reason':'unmatched topic'}}]"));
        }
    }

    @Test
    void leave_repliesOkThenPhxClose_runsTerminate_andUnjoins() throws Exception {
        try (WsClient c = ts.connect()) {
            c.join("echo:leave", Map.of());
            c.next();
            assertThat(ts.nextEvent("echo:leave")).isEqualTo("join echo:leave");
            c.send("1", "echo:leave", "phx_leave", Map.of());
            assertThat(c.next()).isEqualTo(json("['1','2','echo:leave','phx_reply',{'status':'ok','response':{}}]"));
            assertThat(c.next()).isEqualTo(json("['1','1','echo:leave','phx_close',{}]"));
            assertThat(ts.nextEvent("echo:leave")).isEqualTo("terminate echo:leave {shutdown, left}");
            c.send("1", "echo:leave", "echo", Map.of());
            assertThat(c.next().get(4)).isEqualTo(json("{'status':'error','response':{'reason':'unmatched topic'}}"));
        }
    }

    @Test
    void leavingATopicNotJoined_repliesOk() throws Exception {
        try (WsClient c = ts.connect()) {
            c.send("7", "echo:gone", "phx_leave", Map.of());
            assertThat(c.next()).isEqualTo(json("['7','1','echo:gone','phx_reply',{'status':'ok','response':{}}]"));
        }
    }

    @Test
    void joiningAJoinedTopicAgain_closesTheOldChannelFirst() throws Exception {
        try (WsClient c = ts.connect()) {
            c.join("echo:twice", Map.of());
            c.next();
            c.join("echo:twice", Map.of());
            assertThat(c.next()).isEqualTo(json(
                    "['2','2','echo:twice','phx_reply',{'status':'ok','response':{'topic':'echo:twice','params':{}}}]"));
            assertThat(ts.nextEvent("echo:twice")).isEqualTo("join echo:twice");
            assertThat(ts.nextEvent("echo:twice")).isEqualTo("terminate echo:twice {shutdown, duplicate_join}");
            assertThat(ts.nextEvent("echo:twice")).isEqualTo("join echo:twice");
            c.send("2", "echo:twice", "echo", Map.of("n", 2));
            assertThat(c.next()).isEqualTo(json(
                    "['2','3','echo:twice','phx_reply',{'status':'ok','response':{'n':2}}]"));
            assertThat(ts.server.subscriptions()).isEqualTo(1);
        }
    }

    @Test
    void heartbeat_repliesOkEmpty() throws Exception {
        try (WsClient c = ts.connect()) {
            assertThat(c.heartbeat()).isEqualTo(json("[null,'1','phoenix','phx_reply',{'status':'ok','response':{}}]"));
        }
    }
}
