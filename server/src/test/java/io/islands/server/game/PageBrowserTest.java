package io.islands.server.game;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.islands.server.game.Pages.cell;
import static io.islands.server.game.Pages.create;
import static io.islands.server.game.Pages.fire;
import static io.islands.server.game.Pages.join;
import static io.islands.server.game.Pages.open;
import static io.islands.server.game.Pages.place;
import static io.islands.server.game.Pages.placeDemo;
import static io.islands.server.game.Pages.placed;
import static io.islands.server.game.Pages.placeAndSetBoth;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.islands.server.Chromium;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web page's behaviour beyond the happy path (BrowserGameTest), in the system's Chromium
 * through Playwright: the texts of the server's specific error reasons, a reload that rejoins
 * the same seat, the placement preview, and a second player told by the server (no polling)
 * when the game starts. Skipped when /usr/bin/chromium is absent; the placement screen is kept
 * under target/screenshots/.
 */
class PageBrowserTest {
    @RegisterExtension
    static final MemoryServer server = new MemoryServer();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Playwright pw;
    private static Browser browser;

    @BeforeAll
    static void launch() throws Exception {
        Chromium.assumePresent("the page's browser tests");
        pw = Chromium.playwright();
        browser = Chromium.launch(pw);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (pw != null) {
            pw.close();
        }
    }

    private static String url() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    /** Two players in a game of the book's flow (no invitation), both placing. */
    private static Page[] twoPlayers(String game) {
        Page moon = open(browser, url());
        Page diva = open(browser, url());
        create(moon, game, false);
        assertThat(moon.locator("#app")).hasAttribute("data-role", "player1");
        join(diva, game, "diva");
        for (Page p : List.of(moon, diva)) {
            assertThat(p.locator("#app")).hasAttribute("data-phase", "placing");
        }
        assertThat(diva.locator("#app")).hasAttribute("data-role", "player2");
        return new Page[] {moon, diva};
    }

    private static void assertError(Page p, String reason, String text) {
        assertThat(p.locator("#error")).hasAttribute("data-reason", reason);
        assertThat(p.locator("#error")).hasText(text);
    }

    @Test
    void eachRefusalOfTheServerIsExplained() {
        String game = server.newGameName();
        Page moon = open(browser, url());
        create(moon, game, false);
        assertThat(moon.locator("#status")).hasText("Waiting for an opponent: tell them to join game “" + game + "”.");
        cell(moon, "#own-grid", 1, 1).click(); // the server says why not yet
        assertError(moon, "no_opponent_yet", "Wait for an opponent to join before placing islands.");

        Page diva = open(browser, url());
        join(diva, game, "diva");
        assertThat(moon.locator("#app")).hasAttribute("data-phase", "placing");
        placed(moon, "dot", 5, 5);
        assertThat(moon.locator("#error")).hasText(""); // a move clears the last error
        place(moon, "square", 4, 4);
        assertError(moon, "overlapping_island", "Islands cannot overlap: that spot covers another of your islands.");
        place(moon, "atoll", 10, 10);
        assertError(moon, "invalid_coordinate",
                "The Atoll would run off the board there: every cell must be within rows and columns 1 to 10.");
        moon.locator("#set-islands").click();
        assertError(moon, "not_all_islands_positioned", "Place all five islands before setting them.");

        place(moon, "dot", 1, 5); // moves the dot out of the demo square's way
        assertThat(cell(moon, "#own-grid", 1, 5)).hasAttribute("data-land", "dot");
        placeDemo(moon);
        placeDemo(diva);
        moon.locator("#set-islands").click();
        diva.locator("#set-islands").click();
        assertThat(diva.locator("#app")).hasAttribute("data-turn", "theirs");
        cell(diva, "#target-grid", 1, 1).click();
        assertError(diva, "Not your turn.", "Not your turn: wait for " + game + ".");

        fire(moon, diva, 1, 1, "hit");
        fire(diva, moon, 10, 10, "miss");
        assertThat(moon.locator("#app")).hasAttribute("data-turn", "mine");
        cell(moon, "#target-grid", 1, 1).click();
        assertError(moon, "already_guessed", "You already fired at row 1, column 1: pick fresh waters.");
    }

    @Test
    void aReloadRejoinsTheSameSeatWithTheGameAsItWas() {
        String game = server.newGameName();
        Page[] players = twoPlayers(game);
        Page moon = players[0];
        Page diva = players[1];
        placed(moon, "atoll", 1, 1);
        placed(moon, "dot", 1, 5);
        assertThat(moon.locator("#own-grid [data-land]")).hasCount(6);
        String token = (String) moon.evaluate("k => localStorage.getItem(k)", "islands:" + game + ":" + game);
        assertThat(token).isNotBlank();

        moon.reload(); // placing: the islands placed so far come back from the server
        assertThat(moon.locator("#app")).hasAttribute("data-role", "player1");
        assertThat(moon.locator("#app")).hasAttribute("data-phase", "placing");
        assertThat(moon.locator("#own-grid [data-land]")).hasCount(6);
        assertThat(moon.locator("#palette [data-island=atoll]")).hasAttribute("data-placed", "true");
        assertThat(moon.locator("#placed-count")).hasText("2 of 5 placed");
        assertThat(moon.evaluate("k => localStorage.getItem(k)", "islands:" + game + ":" + game)).isEqualTo(token);

        placeDemo(moon);
        placeDemo(diva);
        moon.locator("#set-islands").click();
        diva.locator("#set-islands").click();
        fire(moon, diva, 1, 1, "hit");

        diva.reload(); // battle: her board shows the hit, and it is her turn
        assertThat(diva.locator("#app")).hasAttribute("data-role", "player2");
        assertThat(diva.locator("#app")).hasAttribute("data-turn", "mine");
        assertThat(cell(diva, "#own-grid", 1, 1)).hasAttribute("data-shot", "hit");
        assertThat(diva.locator("#own-grid [data-land]")).hasCount(Demo.CELLS.size());
        fire(diva, moon, 10, 10, "miss");

        moon.reload();
        assertThat(cell(moon, "#target-grid", 1, 1)).hasAttribute("data-shot", "hit");
        assertThat(cell(moon, "#own-grid", 10, 10)).hasAttribute("data-shot", "miss");
        fire(moon, diva, 1, 2, "hit");
    }

    @Test
    void thePreviewShowsWhereTheSelectedIslandWouldGo() {
        String game = server.newGameName();
        Page moon = twoPlayers(game)[0];
        assertThat(moon.locator("#app")).hasAttribute("data-phase", "placing");
        moon.locator("#palette [data-island=square]").click();
        assertThat(moon.locator("#palette [data-island=square]")).hasAttribute("aria-pressed", "true");

        cell(moon, "#own-grid", 1, 1).hover();
        assertThat(moon.locator("#own-grid")).hasAttribute("data-preview", "ok");
        assertThat(moon.locator("#own-grid .cell[data-preview=ok]")).hasCount(4);
        assertThat(cell(moon, "#own-grid", 2, 2)).hasAttribute("data-preview", "ok");
        assertThat(moon.locator("#preview-hint")).hasText("Square fits at row 1, column 1: press Enter or click to place it.");

        cell(moon, "#own-grid", 10, 1).hover(); // two of its cells would be off the board
        assertThat(moon.locator("#own-grid")).hasAttribute("data-preview", "off");
        assertThat(moon.locator("#own-grid .cell[data-preview=bad]")).hasCount(2);
        assertThat(moon.locator("#preview-hint")).hasText("Square at row 10, column 1 would run off the board.");

        placed(moon, "dot", 5, 5);
        moon.locator("#palette [data-island=square]").click();
        cell(moon, "#own-grid", 4, 4).hover();
        assertThat(moon.locator("#own-grid")).hasAttribute("data-preview", "bad");
        assertThat(moon.locator("#own-grid .cell[data-preview=bad]")).hasCount(4);
        assertThat(moon.locator("#preview-hint")).hasText("Square at row 4, column 4 would overlap your Dot.");

        // the keyboard: focus moves the preview, a digit picks an island (the palette's order)
        cell(moon, "#own-grid", 4, 4).focus();
        moon.keyboard().press("ArrowRight");
        moon.keyboard().press("ArrowRight");
        assertThat(cell(moon, "#own-grid", 4, 6)).hasAttribute("data-anchor", "true");
        assertThat(moon.locator("#own-grid")).hasAttribute("data-preview", "ok");
        moon.keyboard().press("3");
        assertThat(moon.locator("#palette [data-island=l_shape]")).hasAttribute("aria-pressed", "true");
        assertThat(moon.locator("#own-grid .cell[data-preview=ok]")).hasCount(4);
        moon.keyboard().press("Enter");
        assertThat(cell(moon, "#own-grid", 6, 7)).hasAttribute("data-land", "l_shape");
        assertThat(moon.locator("#palette [data-island=l_shape]")).hasAttribute("data-placed", "true");
        cell(moon, "#own-grid", 8, 8).hover();
        assertThat(moon.locator("#own-grid")).hasAttribute("data-preview", "ok");
        moon.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve("page-placement-preview.png")).setFullPage(true));
    }

    @Test
    void aPlayerWhoJoinedEarlyIsToldWhenTheGameStarts_withoutAsking() throws Exception {
        String game = server.newGameName();
        Page diva = open(browser, url());
        List<String> sent = new ArrayList<>();
        List<JsonNode> received = new ArrayList<>();
        diva.onWebSocket(ws -> {
            ws.onFrameSent(f -> sent.add(event(f.text())));
            ws.onFrameReceived(f -> received.add(frame(f.text())));
        });
        join(diva, game, "diva"); // before moon has created the game
        assertThat(diva.locator("#status")).hasText("Waiting for " + game + " to open the game…");
        // the join's view and the one view after it (which closes the join/subscribe gap) are answered
        diva.waitForCondition(() -> received.stream().filter(f -> f.path(4).path("response").has("view")).count() >= 2);
        int mark = sent.size();

        Page moon = open(browser, url());
        create(moon, game, false);
        assertThat(diva.locator("#app")).hasAttribute("data-role", "player2");
        assertThat(diva.locator("#app")).hasAttribute("data-phase", "placing");
        // game_started made diva take the second seat at once: no view was polled in between
        List<String> after = sent.subList(mark, sent.size()).stream()
                .filter(e -> !e.equals("heartbeat") && !e.equals("show_subscribers")).toList();
        assertThat(after).as("diva's pushes after moon created the game").first().isEqualTo("add_player");
        assertThat(received).anyMatch(f -> f.path(3).asText().equals("game_started"));
    }

    private static JsonNode frame(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }

    /** The event of a Phoenix V2 frame {@code [join_ref, ref, topic, event, payload]}. */
    private static String event(String text) {
        return frame(text).path(3).asText();
    }
}
