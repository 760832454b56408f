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

    /** A point of a series. */
    public record Point(double x, double y) {}
}
