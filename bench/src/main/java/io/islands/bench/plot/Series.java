package io.islands.bench.plot;

import java.util.List;
import java.util.Objects;

/**
 * One line of a chart: a name for the legend and its points, in the order they are drawn.
 *
 * @param name the legend entry, e.g. "islands, 1,000 games"
 * @param points (x, y) pairs; none may be null; empty series are left out of charts
 */
public record Series(String name, List<Point> points) {
    public Series {
        Objects.requireNonNull(name, "name");
        points = List.copyOf(points);
    }

    /**
     * A point of a series: y is what the line joins (a median over repetitions), low and high the
     * range drawn around it (equal to y for a single measurement).
     */
    public record Point(double x, double y, double low, double high) {
        /** A point without a range. */
        public Point(double x, double y) {
            this(x, y, y, y);
        }

        /** @return whether the point has a range to draw */
        public boolean hasRange() {
            return low != y || high != y;
        }
    }
}
