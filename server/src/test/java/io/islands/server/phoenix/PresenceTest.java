package io.islands.server.phoenix;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** presence_diff on track, leave and disconnect, with the book's two-names-per-topic rule. */
class PresenceTest {
    @RegisterExtension
    static final TestServer ts = new TestServer();

    static WsClient joinRoom(String topic, String name) throws Exception {
        WsClient c = ts.connect();
        c.join(topic, Map.of("name", name));
        assertThat(c.next()).isEqualTo(json("['1','1','" + topic + "','phx_reply',{'status':'ok','response':{}}]"));
        return c;
    }

    /** Asserts a presence_diff frame and returns the phx_ref of its one meta. */
    static String assertDiff(JsonNode frame, String topic, String side, String name) {
        assertThat(frame.get(0).isNull() && frame.get(1).isNull()).isTrue();
        assertThat(frame.get(2).asText()).isEqualTo(topic);
        assertThat(frame.get(3).asText()).isEqualTo("presence_diff");
        ObjectNode meta = (ObjectNode) frame.get(4).get(side).get(name).get("metas").get(0);
        String ref = meta.remove("phx_ref").asText();
        assertThat(ref).isNotBlank();
        String other = side.equals("joins") ? "leaves" : "joins";
        assertThat(frame.get(4)).isEqualTo(json(
                "{'" + side + "':{'" + name + "':{'metas':[{'online_at':'1518912345'}]}},'" + other + "':{}}"));
        return ref;
    }

    @Test
    void diffsOnTrackLeaveAndDisconnect_andTheListShape() throws Exception {
        WsClient moon = joinRoom("room:1", "moon");
        String moonRef = assertDiff(moon.next(), "room:1", "joins", "moon");
        try (WsClient diva = joinRoom("room:1", "diva")) {
            assertDiff(moon.next(), "room:1", "joins", "diva");
            String divaRef = assertDiff(diva.next(), "room:1", "joins", "diva");

            diva.send("1", "room:1", "show_subscribers", Map.of());
            JsonNode list = json("{'moon':{'metas':[{'online_at':'1518912345','phx_ref':'" + moonRef + "'}]},"
                    + "'diva':{'metas':[{'online_at':'1518912345','phx_ref':'" + divaRef + "'}]}}");
            assertThat(moon.next()).isEqualTo(frame("room:1", "subscribers", list));
            assertThat(diva.next()).isEqualTo(frame("room:1", "subscribers", list));

            diva.send("1", "room:1", "phx_leave", Map.of());
            assertThat(diva.next().get(3).asText()).isEqualTo("phx_reply");
            assertThat(diva.next().get(3).asText()).isEqualTo("phx_close");
            assertThat(assertDiff(moon.next(), "room:1", "leaves", "diva")).isEqualTo(divaRef);
        }
        try (WsClient sun = joinRoom("room:1", "sun")) {
            assertDiff(moon.next(), "room:1", "joins", "sun");
            assertDiff(sun.next(), "room:1", "joins", "sun");
            moon.close();
            assertThat(assertDiff(sun.next(), "room:1", "leaves", "moon")).isEqualTo(moonRef);
            assertThat(ts.server.presence().list("room:1")).containsOnlyKeys("sun");
        }
    }

    @Test
    void thirdNameOrADuplicateName_isRefused() throws Exception {
        try (WsClient a = joinRoom("room:2", "moon"); WsClient b = ts.connect(); WsClient c = ts.connect()) {
            assertDiff(a.next(), "room:2", "joins", "moon");
            b.join("room:2", Map.of("name", "moon"));
            assertThat(b.next()).isEqualTo(json(
                    "['1','1','room:2','phx_reply',{'status':'error','response':{'reason':'unauthorized'}}]"));
            try (WsClient d = joinRoom("room:2", "diva")) {
                assertDiff(d.next(), "room:2", "joins", "diva"); // tracked: the join reply comes first
                c.join("room:2", Map.of("name", "third"));
                assertThat(c.next().get(4)).isEqualTo(json("{'status':'error','response':{'reason':'unauthorized'}}"));
            }
        }
    }

    @Test
    void untrack_broadcastsTheLeave() throws Exception {
        try (WsClient a = joinRoom("room:3", "moon")) {
            String ref = assertDiff(a.next(), "room:3", "joins", "moon");
            a.send("1", "room:3", "untrack", "moon");
            assertThat(assertDiff(a.next(), "room:3", "leaves", "moon")).isEqualTo(ref);
            assertThat(a.next().get(4)).isEqualTo(json("{'status':'ok','response':{}}"));
            assertThat(ts.server.presence().list("room:3")).isEmpty();
        }
    }

    private static JsonNode frame(String topic, String event, JsonNode payload) {
        return WsClient.JSON.createArrayNode().addNull().addNull().add(topic).add(event).add(payload);
    }
}
