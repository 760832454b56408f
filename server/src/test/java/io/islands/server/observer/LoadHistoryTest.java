package io.islands.server.observer;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.server.observer.LoadHistory.Reading;
import io.islands.server.observer.Views.LoadSample;
import org.junit.jupiter.api.Test;

/** The load charts' samples: counters become what happened between two readings; gaps and the cap. */
class LoadHistoryTest {
    @Test
    void countersBecomeRatesAndCountsSinceThePreviousReading() {
        LoadHistory h = new LoadHistory(10, 3000);
        assertThat(h.add(new Reading(1000, 5, 100, 40, 1, 2))).as("the first reading is a baseline").isNull();
        LoadSample s = h.add(new Reading(1500, 6, 200, 90, 4, 2));
        assertThat(s).isEqualTo(new LoadSample(1500, 6, 200, 100.0, 3, 0));
        assertThat(h.samples()).containsExactly(s);
    }

    @Test
    void afterAGap_aReadingIsOnlyANewBaseline_soTheGapIsNoSpike() {
        LoadHistory h = new LoadHistory(10, 3000);
        h.add(new Reading(0, 1, 1, 0, 0, 0));
        h.add(new Reading(1000, 1, 1, 10, 0, 0));
        assertThat(h.add(new Reading(60_000, 1, 1, 100_000, 50, 50))).isNull();
        assertThat(h.add(new Reading(61_000, 1, 1, 100_020, 50, 51))).isEqualTo(new LoadSample(61_000, 1, 1, 20.0, 0, 1));
        assertThat(h.samples()).hasSize(2);
    }

    @Test
    void keepsTheNewestSamplesUpToItsCapacity_oldestFirst() {
        LoadHistory h = new LoadHistory(3, 3000);
        for (int t = 0; t <= 5; t++) {
            h.add(new Reading(t * 1000L, t, 0, 0, 0, 0));
        }
        assertThat(h.samples()).extracting(LoadSample::processes).containsExactly(3, 4, 5);
    }
}
