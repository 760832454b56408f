package io.islands.server.game;

import static io.islands.server.phoenix.WsClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.islands.server.phoenix.WsClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invitations (docs/protocol.md §2.1): only the invited takes the second seat; the book's flow keeps working without. */
class InvitationTest {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();

    private static JsonNodeReply join(String game, Map<String, Object> params) throws Exception {
        WsClient ws = WsClient.connect(server.port());
        return new JsonNodeReply(ws, ws.replyTo(ws.join("game:" + game, params)));
    }

    private record JsonNodeReply(WsClient ws, com.fasterxml.jackson.databind.JsonNode reply) implements AutoCloseable {
        String status() {
            return reply.get("status").asText();
        }

        String field(String name) {
            return reply.get("response").path(name).asText(null);
        }

        @Override
        public void close() {
            ws.close();
        }
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void onlyTheInvitedTakesTheSecondSeat() throws Exception {
        String game = server.newGameName();
        try (JsonNodeReply moon = join(game, params("screen_name", game, "invite", true))) {
            String invitation = moon.field("invitation");
            assertThat(invitation).matches("[A-Za-z0-9_-]{32}");
            try (JsonNodeReply thief = join(game, params("screen_name", "thief"));
                    JsonNodeReply guesser = join(game, params("screen_name", "guesser", "invitation", "nope"))) {
                assertThat(thief.reply()).isEqualTo(json("{'status':'error','response':{'reason':'invitation_required'}}"));
                assertThat(guesser.reply()).isEqualTo(json("{'status':'error','response':{'reason':'invitation_required'}}"));
            }
            String divaToken;
            try (JsonNodeReply diva = join(game, params("screen_name", "diva", "invitation", invitation))) {
                assertThat(diva.status()).isEqualTo("ok");
                divaToken = diva.field("token");
            }
            try (JsonNodeReply again = join(game, params("screen_name", "diva", "token", divaToken));
                    JsonNodeReply late = join(game, params("screen_name", "late", "invitation", invitation))) {
                assertThat(again.status()).as("a seated player needs only the token").isEqualTo("ok");
                assertThat(late.reply()).as("the seat is taken").isEqualTo(json("{'status':'error','response':{'reason':'unauthorized'}}"));
            }
        }
    }

    @Test
    void aRejoinKeepsTheInvitation_andAskingAgainWhileTheSeatIsFreeReplacesIt() throws Exception {
        String game = server.newGameName();
        String first;
        String token;
        try (JsonNodeReply moon = join(game, params("screen_name", game, "invite", true))) {
            first = moon.field("invitation");
            token = moon.field("token");
        }
        try (JsonNodeReply moon = join(game, params("screen_name", game, "token", token))) {
            assertThat(moon.field("invitation")).isNull();
        }
        String second;
        try (JsonNodeReply moon = join(game, params("screen_name", game, "token", token, "invite", true))) {
            second = moon.field("invitation");
            assertThat(second).isNotNull().isNotEqualTo(first);
        }
        try (JsonNodeReply old = join(game, params("screen_name", "diva", "invitation", first));
                JsonNodeReply diva = join(game, params("screen_name", "diva", "invitation", second))) {
            assertThat(old.field("reason")).isEqualTo("invitation_required");
            assertThat(diva.status()).isEqualTo("ok");
        }
    }

    @Test
    void aGameWithoutInvitationFollowsTheBook() throws Exception {
        String game = server.newGameName();
        try (JsonNodeReply moon = join(game, params("screen_name", game));
                JsonNodeReply diva = join(game, params("screen_name", "diva"))) {
            assertThat(moon.field("invitation")).isNull();
            assertThat(diva.status()).isEqualTo("ok");
        }
    }
}
