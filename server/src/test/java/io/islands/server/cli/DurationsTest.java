package io.islands.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line's durations: the short forms, ISO-8601, refusals, and the short way back. */
class DurationsTest {
    @Test
    void shortFormsAndIsoParse() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse(" PT1M ")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void zeroNegativeAndNonsenseAreRefusedSayingWhatIsAccepted() {
        assertThatThrownBy(() -> Durations.parse("0s")).hasMessage("needs a positive duration, not '0s'");
        assertThatThrownBy(() -> Durations.parse("-PT1S")).hasMessage("needs a positive duration, not '-PT1S'");
        for (String bad : new String[] {"soon", "5", "5 m", "1w", "", "99999999999999999999d"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs a duration such as");
        }
    }

    @Test
    void formatIsTheShortWayAndParsesBack() {
        assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("60s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofSeconds(5), Duration.ofMinutes(90), Duration.ofDays(2)}) {
            assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        }
    }
}
