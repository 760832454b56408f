package io.islands.server.game;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.islands.server.Chromium;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two browser contexts (two players, separate storage) play a whole game through the web page at
 * GET / with Playwright on the system's Chromium: create, join, place the book's demo islands by
 * palette and grid clicks, set them, then fire in turn until player 1 wins. Uses only the DOM
 * hooks documented at the top of public/app.js. Skipped when /usr/bin/chromium is absent; the
 * final screens are kept under target/screenshots/.
 */
class BrowserGameTest {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();
    private static final Path SCREENSHOTS = Chromium.SCREENSHOTS;

    @Test
    void twoBrowsersPlayAWholeGame() throws Exception {
        Chromium.assumePresent("the browser game test");
        String game = server.newGameName();
        String url = "http://127.0.0.1:" + server.port() + "/";
        try (Playwright pw = Chromium.playwright(); Browser browser = Chromium.launch(pw)) {
            Page moon = browser.newContext().newPage();
            Page diva = browser.newContext().newPage();
            for (Page p : List.of(moon, diva)) {
                p.setDefaultTimeout(10_000);
                p.navigate(url);
            }

            moon.locator("#name").fill(game);
            moon.locator("#invite-only").uncheck(); // the book's flow: player 2 joins by the game's name
            moon.locator("#create").click();
            assertThat(moon.locator("#app")).hasAttribute("data-role", "player1");
            diva.locator("#name").fill("diva");
            diva.locator("#game").fill(game);
            diva.locator("#join").click();
            assertThat(diva.locator("#app")).hasAttribute("data-role", "player2");

            placeAndSetBoth(moon, diva);

            for (int i = 0; i < Demo.CELLS.size(); i++) {
                int[] land = Demo.CELLS.get(i);
                fire(moon, diva, land[0], land[1], "hit");
                if (i < Demo.CELLS.size() - 1) {
                    fire(diva, moon, 9 + i / 10, 1 + i % 10, "miss");
                }
            }

            for (Page p : List.of(moon, diva)) {
                assertThat(p.locator("#app")).hasAttribute("data-phase", "over");
                assertThat(p.locator("#own-grid [data-land]")).hasCount(Demo.CELLS.size());
            }
            assertThat(moon.locator("#status")).containsText("You won!");
            assertThat(diva.locator("#status")).containsText(game + " won.");
            assertThat(diva.locator("#own-grid [data-forested=true]")).hasCount(Demo.CELLS.size());
            moon.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("browser-game-player1.png")).setFullPage(true));
            diva.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("browser-game-player2.png")).setFullPage(true));
        }
    }

    @Test
    void anInvitationLinkOpensTheGame_andABrowserWithoutItIsRefused() throws Exception {
        Chromium.assumePresent("the browser invitation test");
        String game = server.newGameName();
        String url = "http://127.0.0.1:" + server.port() + "/";
        try (Playwright pw = Chromium.playwright(); Browser browser = Chromium.launch(pw)) {
            Page moon = browser.newContext().newPage();
            Page sun = browser.newContext().newPage();
            Page diva = browser.newContext().newPage();
            for (Page p : List.of(moon, sun, diva)) {
                p.setDefaultTimeout(10_000);
            }
            moon.navigate(url);
            moon.locator("#name").fill(game);
            moon.locator("#create").click();
            assertThat(moon.locator("#app")).hasAttribute("data-phase", "waiting");
            assertThat(moon.locator("#invite-link")).hasValue(java.util.regex.Pattern.compile(
                    ".*\\?game=" + game + "&invitation=[A-Za-z0-9_-]{32}$"));
            String link = moon.locator("#invite-link").inputValue();

            sun.navigate(url + "?game=" + game); // knows the game's name, not the link
            sun.locator("#name").fill("sun");
            sun.locator("#join").click();
            assertThat(sun.locator("#error")).hasAttribute("data-reason", "invitation_required");
            assertThat(sun.locator("#error")).containsText("by invitation only");

            diva.navigate(link);
            assertThat(diva.locator("#game")).hasValue(game);
            diva.locator("#name").fill("diva");
            diva.locator("#join").click();
            assertThat(diva.locator("#app")).hasAttribute("data-role", "player2");

            placeAndSetBoth(moon, diva);
            int[] land = Demo.CELLS.get(0);
            fire(moon, diva, land[0], land[1], "hit");
            fire(diva, moon, 10, 10, "miss");

            // a reload of the invited browser goes straight back into the game (its seat token)
            diva.reload();
            assertThat(diva.locator("#app")).hasAttribute("data-role", "player2");
            sun.locator("#join").click();
            assertThat(sun.locator("#error")).hasAttribute("data-reason", "unauthorized");
        }
    }

    @Test
    void thePageSaysWhyANameIsRefused() throws Exception {
        Chromium.assumePresent("the browser game test");
        try (Playwright pw = Chromium.playwright(); Browser browser = Chromium.launch(pw)) {
            Page p = browser.newContext().newPage();
            p.setDefaultTimeout(10_000);
            p.navigate("http://127.0.0.1:" + server.port() + "/");
            p.locator("#name").fill("moon and sun");
            p.locator("#create").click();
            assertThat(p.locator("#error")).hasAttribute("data-reason", "invalid_name");
            assertThat(p.locator("#error")).containsText("letters, digits, _ or -");
        }
    }

    private static Locator cell(Page p, String grid, int row, int col) {
        return p.locator(grid + " [data-row=\"" + row + "\"][data-col=\"" + col + "\"]");
    }

    /** {@code shooter} fires at (row, col) on its turn; both pages show the result ({@code hit}/{@code miss}). */
    /** Both players place the demo islands by palette and grid clicks and set them; the battle starts. */
    private static void placeAndSetBoth(Page moon, Page diva) {
        for (Page p : List.of(moon, diva)) {
            assertThat(p.locator("#app")).hasAttribute("data-phase", "placing");
            for (var e : Demo.PLACEMENT.entrySet()) {
                p.locator("#palette [data-island=" + e.getKey() + "]").click();
                cell(p, "#own-grid", e.getValue()[0], e.getValue()[1]).click();
                assertThat(p.locator("#palette [data-island=" + e.getKey() + "]")).hasAttribute("data-placed", "true");
            }
            assertThat(p.locator("#own-grid [data-land]")).hasCount(Demo.CELLS.size());
            p.locator("#set-islands").click();
        }
        for (Page p : List.of(moon, diva)) {
            assertThat(p.locator("#app")).hasAttribute("data-phase", "playing");
        }
    }

    private static void fire(Page shooter, Page target, int row, int col, String result) {
        assertThat(shooter.locator("#app")).hasAttribute("data-turn", "mine");
        cell(shooter, "#target-grid", row, col).click();
        assertThat(cell(shooter, "#target-grid", row, col)).hasAttribute("data-shot", result);
        assertThat(cell(target, "#own-grid", row, col)).hasAttribute("data-shot", result);
    }
}
