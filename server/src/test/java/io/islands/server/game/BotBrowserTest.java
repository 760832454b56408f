package io.islands.server.game;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.islands.server.game.Pages.cell;
import static io.islands.server.game.Pages.open;
import static io.islands.server.game.Pages.placeDemo;

import com.microsoft.playwright.Page;
import io.islands.server.Chromium;
import io.islands.server.IslandsServer;
import io.islands.server.ServerConfig;
import io.islands.server.bot.Bots;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Play the computer" on the page, in the system's Chromium through Playwright: one click
 * creates the game and brings the computer as player 2; the person places and shoots row by
 * row until the game is over. Skipped when /usr/bin/chromium is absent.
 */
class BotBrowserTest {
    @RegisterExtension
    static final Chromium.PerClass chromium = new Chromium.PerClass("the page's computer opponent test");
    private static IslandsServer server;

    @BeforeAll
    static void launch() {
        server = IslandsServer.start(ServerConfig.loopback("memory:").toBuilder()
                .bots(new Bots.Config(5, Duration.ofMillis(10), 3L)).build());
    }

    @AfterAll
    static void close() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void playTheComputerFromTheLobbyToTheEnd() {
        Page ahab = open(chromium.browser(), "http://127.0.0.1:" + server.port() + "/");
        ahab.locator("#name").fill("ahab");
        ahab.locator("#play-computer").click();
        assertThat(ahab.locator("#app")).hasAttribute("data-role", "player1");
        assertThat(ahab.locator("#app")).hasAttribute("data-phase", "placing"); // the computer took seat 2
        assertThat(ahab.locator("#players [data-player=player2]")).containsText("computer");
        placeDemo(ahab);
        ahab.locator("#set-islands").click();
        assertThat(ahab.locator("#app")).hasAttribute("data-phase", "playing");
        for (int cell = 0; cell < 100; cell++) {
            ahab.waitForFunction("() => { const a = document.getElementById('app');"
                    + " return a.dataset.phase === 'over' || a.dataset.turn === 'mine'; }");
            if ("over".equals(ahab.locator("#app").getAttribute("data-phase"))) {
                break;
            }
            int row = cell / 10 + 1;
            int col = cell % 10 + 1;
            cell(ahab, "#target-grid", row, col).click();
            assertThat(cell(ahab, "#target-grid", row, col)).hasAttribute("data-shot", Pattern.compile("hit|miss"));
        }
        assertThat(ahab.locator("#app")).hasAttribute("data-phase", "over");
        assertThat(ahab.locator("#status")).hasText(Pattern.compile("You won!|computer won\\."));

        // the finished game's replay, step by step, then playing on its own
        ahab.locator("#watch-replay").click();
        assertThat(ahab.locator("#replay")).hasAttribute("data-step", "0");
        assertThat(ahab.locator("#replay")).hasAttribute("data-steps", Pattern.compile("[1-9][0-9]+"));
        ahab.locator("#replay-next").click();
        assertThat(ahab.locator("#replay-text")).hasText("Move 1 of " + ahab.locator("#replay").getAttribute("data-steps")
                + ". computer joined.");
        for (int i = 0; i < 5; i++) {
            ahab.locator("#replay-next").click();
        }
        assertThat(ahab.locator("#replay")).hasAttribute("data-step", "6");
        org.assertj.core.api.Assertions.assertThat(ahab.locator("#replay [data-land]").count())
                .as("land of the first five placements").isGreaterThan(4);
        ahab.locator("#replay-prev").click();
        assertThat(ahab.locator("#replay")).hasAttribute("data-step", "5");
        ahab.locator("#replay-play").click();
        assertThat(ahab.locator("#replay")).hasAttribute("data-step", Pattern.compile("[6-9]|[1-9][0-9]+")); // it plays on
        ahab.locator("#replay-play").click(); // pause
        assertThat(ahab.locator("#replay-play")).hasText("Play");
    }
}
