package io.islands.server.phoenix;

import java.util.Map;
import java.util.Objects;

/** What {@link ChannelHandler#join} returns: Phoenix's {@code {:ok, reply, socket} | {:error, reply}}. */
public sealed interface JoinResult {
    /** Joined; {@code response} (anything Jackson writes, usually a map) is the reply's response. */
    record Ok(Object response) implements JoinResult {
        public Ok {
            Objects.requireNonNull(response, "response");
        }
    }

    /** Refused; {@code reason} is the error reply's response, e.g. {@code {"reason":"unauthorized"}}. */
    record Error(Object reason) implements JoinResult {
        public Error {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** @return joined, with the response {@code {}} */
    static JoinResult ok() {
        return new Ok(Map.of());
    }

    static JoinResult ok(Object response) {
        return new Ok(response);
    }

    /** @return refused, with {@code reason} as the whole error response */
    static JoinResult error(Object reason) {
        return new Error(reason);
    }

    /** @return refused, with the error response {@code {"reason": reason}} */
    static JoinResult refused(String reason) {
        return new Error(Map.of("reason", reason));
    }
}
