package io.islands.bench.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders the bench's two kinds of chart as PNG images (headless AWT, XChart): latency against
 * percentile, and throughput against a count (games, writers). Both use logarithmic axes, so every
 * value drawn must be positive; series with no points are left out. A point with a range (a median
 * over repetitions, {@link Series.Point#low()} to {@link Series.Point#high()}) gets its range drawn as
 * two dashed lines in the colour of its series.
 */
public final class Charts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /**
     * Latency against percentile. Each series' points are (percentile in 0..100, latency in µs).
     * The x axis counts nines ({@code log10(1 / (1 - p))}), so p90, p99 and p99.9 are evenly
     * spaced; its title says how to read it.
     *
     * @return the chart as an image of {@link #WIDTH} x {@link #HEIGHT}
     * @throws IllegalArgumentException if a percentile is not in [0, 100) or a latency is not positive
     */
    public static BufferedImage latencyPercentiles(String title, List<Series> series) {
        XYChart chart = chart(title, "percentile, in nines: 1 = p90, 2 = p99, 3 = p99.9 (0.3 = p50)", "latency (µs, log)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisDecimalPattern("#,###.#");
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        // No custom tick label formatter: XChart 3.8.8's callback tick calculator can loop forever.
        for (Series s : series) {
            if (s.points().isEmpty()) {
                continue;
            }
            double[] x = new double[s.points().size()];
            for (int i = 0; i < x.length; i++) {
                Series.Point p = s.points().get(i);
                if (p.x() < 0 || p.x() >= 100 || p.low() <= 0) {
                    throw new IllegalArgumentException(s.name() + ": bad point " + p);
                }
                x[i] = Math.log10(100 / (100 - p.x()));
            }
            add(chart, s, x);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /**
     * Throughput against a count: points are (count, operations per second), both log scale.
     *
     * @return the chart as an image of {@link #WIDTH} x {@link #HEIGHT}
     * @throws IllegalArgumentException if a value is not positive
     */
    public static BufferedImage throughput(String title, String countLabel, List<Series> series) {
        XYChart chart = chart(title, countLabel + " (log)", "operations/s (log)");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        chart.getStyler().setYAxisDecimalPattern("#,###");
        for (Series s : series) {
            if (s.points().isEmpty()) {
                continue;
            }
            double[] x = s.points().stream().mapToDouble(Series.Point::x).toArray();
            for (int i = 0; i < x.length; i++) {
                if (x[i] <= 0 || s.points().get(i).low() <= 0) {
                    throw new IllegalArgumentException(s.name() + ": bad point " + s.points().get(i));
                }
            }
            add(chart, s, x);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Writes the image as PNG to {@code file}, creating its directory. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        if (!javax.imageio.ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    /**
     * Adds the series' line (its points' y, with markers) and, if a point has a range, its low and
     * high ends as two thin dashed lines of the same colour, left out of the legend.
     */
    private static void add(XYChart chart, Series series, double[] x) {
        Color[] palette = chart.getStyler().getSeriesColors();
        long shown = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count();
        Color colour = palette[(int) (shown % palette.length)];
        XYSeries s = chart.addSeries(series.name(), x, series.points().stream().mapToDouble(Series.Point::y).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setLineStyle(new BasicStroke(2f));
        if (series.points().stream().anyMatch(Series.Point::hasRange)) {
            for (var end : List.of(Map.entry(" (lowest)", true), Map.entry(" (highest)", false))) {
                XYSeries r = chart.addSeries(series.name() + end.getKey(), x, series.points().stream()
                        .mapToDouble(p -> end.getValue() ? p.low() : p.high()).toArray());
                r.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                r.setMarker(SeriesMarkers.NONE);
                r.setLineColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 110));
                r.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {4f, 4f}, 0f));
                r.setShowInLegend(false);
            }
        }
    }
}
