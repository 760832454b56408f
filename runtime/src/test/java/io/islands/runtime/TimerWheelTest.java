package io.islands.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The timer wheel on its own: ordering, cancel, re-arm, many timers, and a model test. */
class TimerWheelTest {

    static final class T extends TimerWheel.Node {
        final int id;
        final long due;

        T(int id, long due) {
            this.id = id;
            this.due = due;
        }

        @Override
        public String toString() {
            return "T" + id + "@" + due;
        }
    }

    /** Advances tick by tick to {@code to}, recording (tick fired at, timer). */
    private static List<long[]> run(TimerWheel w, long to) {
        List<long[]> fired = new ArrayList<>();
        while (w.now() < to) {
            long at = w.now() + 1;
            w.advance(at, n -> fired.add(new long[] {at, ((T) n).id, ((T) n).due}));
        }
        return fired;
    }

    @Test
    void timersFireAtTheirTickInOrderAcrossLevels() {
        TimerWheel w = new TimerWheel(0);
        long[] dues = {1, 2, 63, 64, 65, 100, 4095, 4096, 4097, 262_143, 262_144, 300_000};
        for (int i = dues.length - 1; i >= 0; i--) {
            w.add(new T(i, dues[i]), dues[i]);
        }
        List<long[]> fired = run(w, 300_001);
        assertThat(fired).hasSize(dues.length);
        for (int i = 0; i < dues.length; i++) {
            assertThat(fired.get(i)[0]).as("timer %d fires at its tick", i).isEqualTo(dues[i]);
            assertThat(fired.get(i)[1]).isEqualTo(i);
        }
        assertThat(w.size()).isZero();
    }

    @Test
    void aJumpFiresEverythingDueInOrderOfTick() {
        TimerWheel w = new TimerWheel(10);
        w.add(new T(1, 5000), 5000);
        w.add(new T(0, 70), 70);
        w.add(new T(2, 1_000_000), 1_000_000);
        List<Long> order = new ArrayList<>();
        w.advance(2_000_000, n -> order.add(((T) n).due));
        assertThat(order).containsExactly(70L, 5000L, 1_000_000L);
        assertThat(w.now()).isEqualTo(2_000_000);
    }

    @Test
    void aTickInThePastIsDueAtTheNextTick() {
        TimerWheel w = new TimerWheel(100);
        w.add(new T(0, 3), 3);
        assertThat(w.nextDue()).isEqualTo(101);
        assertThat(run(w, 101)).extracting(f -> f[0]).containsExactly(101L);
    }

    @Test
    void cancelledTimersNeverFire() {
        TimerWheel w = new TimerWheel(0);
        T a = new T(0, 50);
        T b = new T(1, 5000);
        w.add(a, 50);
        w.add(b, 5000);
        assertThat(w.remove(a)).isTrue();
        assertThat(w.remove(a)).isFalse();
        assertThat(w.remove(b)).isTrue();
        assertThat(run(w, 6000)).isEmpty();
        assertThat(w.nextDue()).isEqualTo(Long.MAX_VALUE);
        assertThat(a.armedTick()).isEqualTo(TimerWheel.NOT_ARMED);
    }

    @Test
    void aTimerCanBeReArmedEarlierOrLaterAndFromItsOwnExpiry() {
        TimerWheel w = new TimerWheel(0);
        T a = new T(0, 0);
        w.add(a, 10_000);
        w.remove(a);
        w.add(a, 20);
        assertThatThrownBy(() -> w.add(a, 30)).isInstanceOf(IllegalStateException.class);
        List<Long> at = new ArrayList<>();
        int[] rounds = {0};
        while (w.now() < 200) {
            long tick = w.now() + 1;
            w.advance(tick, n -> {
                at.add(tick);
                if (++rounds[0] < 3) {
                    w.add(n, tick + 50); // re-armed from its own expiry
                }
            });
        }
        assertThat(at).containsExactly(20L, 70L, 120L);
    }

    @Test
    void aTimerBeyondTheSpanFiresNoEarlierThanItsTick() {
        TimerWheel w = new TimerWheel(0);
        long far = TimerWheel.SPAN + 1000;
        w.add(new T(0, far), far);
        List<Long> fired = new ArrayList<>();
        w.advance(TimerWheel.SPAN, n -> fired.add(w.now()));
        assertThat(fired).isEmpty();
        w.advance(far, n -> fired.add(w.now()));
        assertThat(fired).containsExactly(far);
    }

    @Test
    void aMillionArmedMostCancelledTheRestFireInOrder() {
        TimerWheel w = new TimerWheel(0);
        SplittableRandom rnd = new SplittableRandom(42);
        T[] all = new T[1_000_000];
        for (int i = 0; i < all.length; i++) {
            long due = 1 + rnd.nextLong(1 << 22);
            all[i] = new T(i, due);
            w.add(all[i], due);
        }
        int kept = 0;
        for (int i = 0; i < all.length; i++) {
            if (i % 10 != 0) {
                w.remove(all[i]);
            } else {
                kept++;
            }
        }
        assertThat(w.size()).isEqualTo(kept);
        long[] last = {0};
        int[] count = {0};
        w.advance(1 << 22, n -> {
            T t = (T) n;
            assertThat(t.id % 10).isZero();
            assertThat(t.due).isGreaterThanOrEqualTo(last[0]).isEqualTo(w.now());
            last[0] = t.due;
            count[0]++;
        });
        assertThat(count[0]).isEqualTo(kept);
        assertThat(w.size()).isZero();
    }

    /**
     * Seeded model test: random arms, cancels, re-arms and advances against a priority queue.
     * Every timer must fire exactly at max(its tick, the tick after it was armed), in tick order.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20261203})
    void agreesWithAPriorityQueueModel(long seed) {
        System.out.println("TimerWheelTest model seed=" + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        TimerWheel w = new TimerWheel(rnd.nextLong(1 << 20));
        int n = 2000;
        T[] nodes = new T[n];
        long[] due = new long[n];
        boolean[] armed = new boolean[n];
        PriorityQueue<long[]> model = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Long.compare(a[1], b[1]));
        for (int i = 0; i < n; i++) {
            nodes[i] = new T(i, 0);
        }
        for (int step = 0; step < 50_000; step++) {
            int i = rnd.nextInt(n);
            int op = rnd.nextInt(10);
            if (op < 5) { // arm or re-arm
                if (armed[i]) {
                    w.remove(nodes[i]);
                }
                long span = switch (rnd.nextInt(4)) {
                    case 0 -> 64;
                    case 1 -> 4096;
                    case 2 -> 1 << 20;
                    default -> 1L << 30;
                };
                long tick = w.now() - 10 + rnd.nextLong(span);
                w.add(nodes[i], tick);
                due[i] = Math.max(tick, w.now() + 1);
                armed[i] = true;
            } else if (op < 7) { // cancel
                assertThat(w.remove(nodes[i])).isEqualTo(armed[i]);
                armed[i] = false;
            } else { // advance
                long to = w.now() + 1 + rnd.nextLong(op == 9 ? 1 << 21 : 200);
                model.clear();
                for (int k = 0; k < n; k++) {
                    if (armed[k] && due[k] <= to) {
                        model.add(new long[] {due[k], k});
                    }
                }
                List<long[]> expected = new ArrayList<>();
                while (!model.isEmpty()) {
                    expected.add(model.poll());
                }
                List<long[]> got = new ArrayList<>();
                w.advance(to, node -> got.add(new long[] {w.now(), ((T) node).id}));
                assertThat(got).as("seed %d step %d: how many fire", seed, step).hasSameSizeAs(expected);
                for (int k = 0; k < got.size(); k++) {
                    int id = (int) got.get(k)[1];
                    assertThat(got.get(k)[0]).as("seed %d step %d: timer %d fires at its tick", seed, step, id)
                            .isEqualTo(due[id]);
                    armed[id] = false;
                }
                assertThat(got.stream().map(g -> g[0]).toList()).isSorted();
                assertThat(got.stream().map(g -> g[1]).sorted().toList())
                        .isEqualTo(expected.stream().map(e -> e[1]).sorted().toList());
            }
            assertThat(w.size()).isEqualTo(count(armed));
        }
    }

    private static int count(boolean[] armed) {
        int c = 0;
        for (boolean b : armed) {
            c += b ? 1 : 0;
        }
        return c;
    }
}
