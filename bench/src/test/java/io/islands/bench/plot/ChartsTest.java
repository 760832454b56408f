package io.islands.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    private static final List<Series> LATENCIES = List.of(
            new Series("islands", List.of(new Series.Point(50, 20), new Series.Point(90, 45),
                    new Series.Point(99, 80), new Series.Point(99.9, 400))),
            new Series("otp", List.of(new Series.Point(50, 15), new Series.Point(90, 30),
                    new Series.Point(99, 41), new Series.Point(99.9, 120))),
            new Series("empty", List.of()));

    @Test
    void latencyChartIsAPngOfTheExpectedSizeWithBothSeriesDrawn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/latency.png");
        Charts.writePng(Charts.latencyPercentiles("moves", LATENCIES), file);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage read = ImageIO.read(file.toFile());
        assertThat(read.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(read.getHeight()).isEqualTo(Charts.HEIGHT);
        // The islands line is drawn: leaving it out changes the picture.
        BufferedImage otpOnly = Charts.latencyPercentiles("moves", LATENCIES.subList(1, 3));
        assertThat(differingPixels(read, otpOnly)).isGreaterThan(500);
    }

    @Test
    void throughputChartIsAPngOfTheExpectedSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("throughput.png");
        Charts.writePng(Charts.throughput("moves", "games", List.of(
                new Series("islands", List.of(new Series.Point(1000, 72_000), new Series.Point(100_000, 61_000))),
                new Series("otp", List.of(new Series.Point(1000, 92_000), new Series.Point(100_000, 91_000))))), file);

        BufferedImage read = ImageIO.read(file.toFile());
        assertThat(read.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(read.getHeight()).isEqualTo(Charts.HEIGHT);
    }

    @Test
    void valuesALogAxisCannotShowAreRefused() {
        assertThatThrownBy(() -> Charts.latencyPercentiles("x", List.of(new Series("s", List.of(new Series.Point(100, 5))))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Charts.throughput("x", "games", List.of(new Series("s", List.of(new Series.Point(1, 0))))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                n += a.getRGB(x, y) == b.getRGB(x, y) ? 0 : 1;
            }
        }
        return n;
    }
}
