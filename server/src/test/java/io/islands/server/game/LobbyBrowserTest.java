package io.islands.server.game;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.islands.server.game.Pages.create;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.islands.server.Chromium;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lobby list, quick match and rematch once each in Chromium through the page (its DOM hooks:
 * public/js/lobby.js): a game created without an invitation shows up live in another page's
 * list (an invitation game does not) and one click joins it; two pages pressing "Play someone
 * now" land in one game (a third that cancelled does not); after a win, both pages press
 * "Rematch" and land in the game named after the old player 2, with the roles swapped. Skipped
 * when /usr/bin/chromium is absent.
 */
class LobbyBrowserTest {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();
    @RegisterExtension
    static final Chromium.PerClass chromium = new Chromium.PerClass("the lobby's browser tests");

    private static String url() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    private static Page open(String url) {
        return Pages.open(chromium.browser(), url);
    }

    @Test
    void anOpenGameShowsUpLiveInTheLobby_andOneClickJoinsIt() {
        Page diva = open(url());
        assertThat(diva.locator("#open-games-empty")).isVisible();
        String game = server.newGameName();
        Page moon = open(url());
        create(moon, game, false);
        Page sun = open(url());
        create(sun, "sun" + game, true); // by invitation: never listed
        assertThat(moon.locator("#app")).hasAttribute("data-role", "player1");
        assertThat(sun.locator("#app")).hasAttribute("data-role", "player1");

        var row = diva.locator("#open-games li[data-game=\"" + game + "\"]");
        assertThat(row).isVisible(); // pushed to the lobby, no reload
        assertThat(row.locator(".open-creator")).hasText(game);
        assertThat(row.locator(".open-age")).not().isEmpty();
        assertThat(diva.locator("#open-games li")).hasCount(1);
        diva.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("lobby-open-games.png")).setFullPage(true));

        diva.locator("#name").fill("diva");
        row.locator("button").click();
        assertThat(diva.locator("#app")).hasAttribute("data-role", "player2");
        for (Page p : List.of(moon, diva)) {
            assertThat(p.locator("#app")).hasAttribute("data-phase", "placing");
        }
        Page star = open(url()); // taken: gone from the list
        assertThat(star.locator("#open-games-empty")).isVisible();
        assertThat(star.locator("#open-games li")).hasCount(0);
    }

    @Test
    void playSomeoneNow_pairsTheNextTwoPages_andACancelledOneWaitsNoMore() {
        Page early = open(url());
        early.locator("#name").fill("early");
        early.locator("#quick-match").click();
        assertThat(early.locator("#match-status")).hasAttribute("data-state", "waiting");
        early.locator("#cancel-match").click();
        assertThat(early.locator("#match-status")).hasAttribute("data-state", "idle");
        assertThat(early.locator("#quick-match")).isVisible();

        Page luna = open(url());
        Page nova = open(url());
        luna.locator("#name").fill("luna");
        luna.locator("#quick-match").click();
        assertThat(luna.locator("#match-status")).hasAttribute("data-state", "waiting");
        nova.locator("#name").fill("nova");
        nova.locator("#quick-match").click();

        assertThat(luna.locator("#app")).hasAttribute("data-role", "player1");
        assertThat(nova.locator("#app")).hasAttribute("data-role", "player2");
        for (Page p : List.of(luna, nova)) {
            assertThat(p.locator("#app")).hasAttribute("data-phase", "placing");
            assertThat(p.locator("#game-name")).hasText("luna");
        }
        assertThat(early.locator("#app")).hasAttribute("data-phase", "lobby");
    }

    @Test
    void afterAWin_bothPressRematch_andTheSwappedGameStarts() throws Exception {
        String game = server.newGameName();
        Page moon = open(url());
        Page diva = open(url());
        create(moon, game, false);
        Pages.join(diva, game, "diva" + game);
        for (Page p : List.of(moon, diva)) {
            assertThat(p.locator("#app")).hasAttribute("data-phase", "placing");
            assertThat(p.locator("#rematch-box")).isHidden();
        }
        // the battle itself through the same seats on the wire (the page's own clicks are BrowserGameTest's)
        String moonToken = (String) moon.evaluate("k => localStorage.getItem(k)", "islands:" + game + ":" + game);
        String divaToken = (String) diva.evaluate("k => localStorage.getItem(k)", "islands:" + game + ":diva" + game);
        try (GameClient p1 = GameClient.joined(server.port(), game, game, moonToken);
                GameClient p2 = GameClient.joined(server.port(), game, "diva" + game, divaToken)) {
            Demo.placeAndSet(p1, "player1");
            Demo.placeAndSet(p2, "player2");
            for (int i = 0; i < Demo.CELLS.size(); i++) {
                Demo.round(p1, p2, i);
            }
        }
        for (Page p : List.of(moon, diva)) {
            // each page follows the 35 shots' broadcasts with a view each: on a busy machine that takes a while
            assertThat(p.locator("#app")).hasAttribute("data-phase", "over",
                    new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
            assertThat(p.locator("#rematch-box")).isVisible();
        }
        moon.locator("#rematch").click();
        assertThat(moon.locator("#rematch-status")).hasAttribute("data-state", "offered");
        assertThat(diva.locator("#rematch-status")).hasAttribute("data-state", "asked");
        assertThat(diva.locator("#rematch")).hasText("Accept rematch");
        diva.locator("#rematch").click();

        for (Page p : List.of(moon, diva)) {
            assertThat(p.locator("#game-name")).hasText("diva" + game);
            assertThat(p.locator("#app")).hasAttribute("data-phase", "placing");
            assertThat(p.locator("#rematch-box")).isHidden();
        }
        assertThat(moon.locator("#app")).hasAttribute("data-role", "player2");
        assertThat(diva.locator("#app")).hasAttribute("data-role", "player1");
    }
}
