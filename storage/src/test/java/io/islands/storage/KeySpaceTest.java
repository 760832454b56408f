package io.islands.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.islands.runtime.checkpoint.Saved;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key spaces over one real SQLite store: no key of one space reaches another. */
class KeySpaceTest {
    @TempDir
    Path dir;

    @Test
    void aRootKeyCanNeverNameAKeyOfANamedSpace() {
        try (CloseableStateStore<String> store = StateStores.open("sqlite:" + dir.resolve("k.db"), StateCodec.rawJson(), 1)) {
            KeySpace<String> games = KeySpace.root(store);
            KeySpace<String> seats = KeySpace.named("seats", store);
            KeySpace<String> own = KeySpace.named("islands", store);
            seats.save("moon", new Saved<>(1, "\"seat\""));
            own.save("ready-probe", new Saved<>(1, "\"probe\""));
            games.save("moon", new Saved<>(1, "\"game\""));

            for (String bad : new String[] {"seats:moon", "islands:ready-probe", ":", "", "a:b"}) {
                assertThatThrownBy(() -> games.save(bad, new Saved<>(1, "\"evil\""))).as(bad)
                        .isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> games.newest(bad)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> games.delete(bad)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> seats.save(bad, new Saved<>(1, "\"evil\""))).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> games.versionsOf(java.util.List.of("moon", bad))).as("many keys, one bad: " + bad)
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(seats.versionsOf(java.util.List.of("moon", "sun")))
                    .isEqualTo(java.util.Map.of("moon", java.util.List.of(new Saved<>(1, "\"seat\""))));
            assertThat(store.keys()).containsExactlyInAnyOrder("moon", "seats:moon", "islands:ready-probe");
            assertThat(games.keys()).containsExactly("moon");
            assertThat(seats.keys()).containsExactly("moon");
            assertThat(own.keys()).containsExactly("ready-probe");
            assertThat(games.newest("moon").orElseThrow().state()).isEqualTo("\"game\"");
            assertThat(seats.newest("moon").orElseThrow().state()).isEqualTo("\"seat\"");
            assertThat(seats.delete("moon")).isTrue();
            assertThat(games.newest("moon")).isPresent();
            assertThatThrownBy(() -> KeySpace.named("a:b", store)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
