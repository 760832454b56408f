package io.islands.server.phoenix;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PushAndBroadcastTest {
    @RegisterExtension
    static final TestServer ts = new TestServer(b -> b.connector(params -> "nobody".equals(params.get("user"))
                ? Optional.empty()
                : Optional.of(Map.of("user", params.getOrDefault("user", "anonymous")))));

    static WsClient joined(String topic) throws Exception {
        WsClient c = ts.connect();
        c.join(topic, Map.of());
        assertThat(c.next().get(4).get("status").asText()).isEqualTo("ok");
        return c;
    }

    @Test
    void pushWithReply_okAndError_echoTheRefAndJoinRef() throws Exception {
        try (WsClient c = joined("echo:reply")) {
            c.send("1", "echo:reply", "echo", Map.of("row", 1, "col", 2));
            assertThat(c.next()).isEqualTo(json(
                    "['1','2','echo:reply','phx_reply',{'status':'ok','response':{'row':1,'col':2}}]"));
            c.send("1", "echo:reply", "fail", Map.of("reason", "Not your turn."));
            assertThat(c.next()).isEqualTo(json(
                    "['1','3','echo:reply','phx_reply',{'status':'error','response':{'reason':'Not your turn.'}}]"));
        }
    }

    @Test
    void pushWithABareStringPayload_reachesTheHandlerAsIs() throws Exception {
        try (WsClient c = joined("echo:string")) {
            c.send("1", "echo:string", "echo", "diva");
            assertThat(c.next()).isEqualTo(json(
                    "['1','2','echo:string','phx_reply',{'status':'ok','response':'diva'}]"));
        }
    }

    @Test
    void pushWithNoReply_sendsNothing() throws Exception {
        try (WsClient c = joined("echo:silent")) {
            c.send("1", "echo:silent", "silent", Map.of());
            assertThat(c.heartbeat()).isEqualTo(json("[null,'3','phoenix','phx_reply',{'status':'ok','response':{}}]"));
        }
    }

    @Test
    void serverPush_carriesTheJoinRefAndNoRef() throws Exception {
        try (WsClient c = joined("echo:push")) {
            c.send("1", "echo:push", "push", Map.of("hello", "you"));
            assertThat(c.next()).isEqualTo(json("['1',null,'echo:push','pushed',{'hello':'you'}]"));
        }
    }

    @Test
    void messageToTheChannelProcess_reachesHandleInfo() throws Exception {
        try (WsClient c = joined("echo:info")) {
            c.send("1", "echo:info", "to_self", "after_join");
            assertThat(c.next()).isEqualTo(json("['1',null,'echo:info','info',{'message':'after_join'}]"));
        }
    }

    @Test
    void broadcast_reachesEverySubscriberIncludingTheSender() throws Exception {
        try (WsClient a = joined("echo:bc"); WsClient b = joined("echo:bc"); WsClient other = joined("echo:elsewhere")) {
            a.send("1", "echo:bc", "shout", Map.of("m", "hi"));
            assertThat(List.of(a.next(), b.next())).containsOnly(json("[null,null,'echo:bc','shout',{'m':'hi'}]"));
            assertThat(other.heartbeat().get(3).asText()).isEqualTo("phx_reply");
        }
    }

    @Test
    void broadcastFrom_skipsTheSender() throws Exception {
        try (WsClient a = joined("echo:bf"); WsClient b = joined("echo:bf")) {
            a.send("1", "echo:bf", "shout_others", Map.of("m", "psst"));
            assertThat(b.next()).isEqualTo(json("[null,null,'echo:bf','shout',{'m':'psst'}]"));
            assertThat(a.next()).isEqualTo(json("['1','2','echo:bf','phx_reply',{'status':'ok','response':{}}]"));
            assertThat(a.heartbeat().get(3).asText()).isEqualTo("phx_reply");
        }
    }

    @Test
    void serverBroadcast_fromOutsideAnyChannel() throws Exception {
        try (WsClient a = joined("echo:news")) {
            ts.server.broadcast("echo:news", "player_added", Map.of("message", "New player just joined: diva"));
            assertThat(a.next()).isEqualTo(json(
                    "[null,null,'echo:news','player_added',{'message':'New player just joined: diva'}]"));
        }
    }

    @Test
    void connectorAssigns_areSeenByChannels_andARefusalClosesWith1008() throws Exception {
        try (WsClient c = WsClient.connect(ts.server.port(), "vsn=2.0.0&user=moon")) {
            c.join("echo:assigns", Map.of());
            c.next();
            c.send("1", "echo:assigns", "assigns", Map.of());
            assertThat(c.next().get(4)).isEqualTo(json("{'status':'ok','response':{'user':'moon'}}"));
        }
        try (WsClient refused = WsClient.connect(ts.server.port(), "vsn=2.0.0&user=nobody")) {
            assertThat(refused.awaitClose()).isEqualTo(new WsClient.Close(1008, "unauthorized"));
        }
    }
}
