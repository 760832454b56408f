package io.islands.server.game;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.islands.server.game.Pages.fire;
import static io.islands.server.game.Pages.placeAndSetBoth;

import com.microsoft.playwright.Browser;
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
 * hooks documented at the top of public/js/main.js (through {@link Pages}). Skipped when /usr/bin/chromium is absent; the
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
}
