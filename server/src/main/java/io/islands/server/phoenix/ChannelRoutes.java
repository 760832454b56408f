package io.islands.server.phoenix;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Topic patterns to handler factories, first match wins: Phoenix's {@code channel "game:*", GameChannel}.
 * A pattern is an exact topic, or a prefix followed by one trailing {@code *}.
 */
final class ChannelRoutes {
    record Route(String pattern, Supplier<? extends ChannelHandler> factory) {
        Route {
            Objects.requireNonNull(factory, "factory");
            int star = pattern.indexOf('*');
            if (pattern.isEmpty() || (star >= 0 && star != pattern.length() - 1)) {
                throw new IllegalArgumentException("topic pattern must be a topic or end with one '*': " + pattern);
            }
        }

        boolean matches(String topic) {
            return pattern.endsWith("*")
                    ? topic.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(topic);
        }
    }

    private final List<Route> routes;

    ChannelRoutes(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    Optional<Supplier<? extends ChannelHandler>> match(String topic) {
        for (Route r : routes) {
            if (r.matches(topic)) {
                return Optional.of(r.factory());
            }
        }
        return Optional.empty();
    }
}
