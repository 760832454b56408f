package io.islands.server.phoenix;

import java.util.Map;
import java.util.Objects;

/**
 * What {@link ChannelHandler#handleIn} returns: Phoenix's {@code {:reply, {status, response}, socket}}
 * or {@code {:noreply, socket}}.
 */
public sealed interface PushResult {
    /** A phx_reply to the push, with {@code status} "ok" or "error". */
    record Reply(String status, Object response) implements PushResult {
        public Reply {
            if (!"ok".equals(status) && !"error".equals(status)) {
                throw new IllegalArgumentException("status must be ok or error, not " + status);
            }
            Objects.requireNonNull(response, "response");
        }
    }

    /** No reply: the client's push times out unless something else answers it. */
    record NoReply() implements PushResult {}

    /** @return reply ok with the response {@code {}} */
    static PushResult ok() {
        return new Reply("ok", Map.of());
    }

    /** @return reply ok with {@code response} (anything Jackson writes) */
    static PushResult ok(Object response) {
        return new Reply("ok", response);
    }

    /** @return reply error with the response {@code {}} */
    static PushResult error() {
        return new Reply("error", Map.of());
    }

    static PushResult error(Object response) {
        return new Reply("error", response);
    }

    static PushResult noReply() {
        return new NoReply();
    }
}
