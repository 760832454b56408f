package io.islands.server.observer;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.islands.server.Chromium;
import io.islands.engine.game.GameState;
import io.islands.engine.game.Player;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The observer page in Chromium (Playwright, system /usr/bin/chromium; skipped with a message
 * when it is absent): a wrong token is refused, the right one opens the views; a game process is
 * killed from the page after the confirmation, and the page shows it running again under a new
 * pid with the same state, in the same row (updated in place, its buttons the same nodes). All of
 * it comes pushed on one event stream (no polling); the load charts draw their samples. The
 * final screen is kept as target/screenshots/observer.png.
 */
class ObserverBrowserTest {
    @RegisterExtension
    static final ObserverServer server = new ObserverServer();
    private static final Path SCREENSHOTS = Chromium.SCREENSHOTS;

    @Test
    void killAGameProcessFromThePage_itComesBackWithItsState() throws Exception {
        Chromium.assumePresent("the observer browser test");
        String game = server.newGameName();
        server.games().startGame(game);
        server.games().addPlayer(game, "diva");
        server.games().positionIsland(game, Player.PLAYER1, "dot", 4, 4);
        GameState before = server.games().state(game);
        String oldPid = server.games().whereis(game).orElseThrow().toString();

        try (Playwright pw = Chromium.playwright(); Browser browser = Chromium.launch(pw)) {
            Page page = browser.newContext().newPage();
            page.setDefaultTimeout(10_000);
            List<String> requests = new ArrayList<>();
            page.onRequest(r -> requests.add(r.method() + " " + r.url()));
            List<String> dialogs = new ArrayList<>();
            page.onDialog(d -> {
                dialogs.add(d.type() + ": " + d.message());
                d.accept();
            });
            page.navigate(server.url("/observer"));

            page.locator("#token").fill("not-the-token");
            page.locator("#login-button").click();
            assertThat(page.locator("#login-error")).containsText("not accepted");
            assertThat(page.locator("#views")).isHidden();

            requests.clear();
            page.locator("#token").fill(ObserverServer.TOKEN);
            page.locator("#login-button").click();
            assertThat(page.locator("#status")).hasAttribute("data-state", "live");
            Locator row = page.locator("#games tr[data-game=\"" + game + "\"]");
            assertThat(row).hasAttribute("data-pid", oldPid);
            assertThat(row).hasAttribute("data-rules", "players_set");
            assertThat(row).containsText("position_island player1 dot (4,4)");
            assertThat(page.locator("#tree [data-supervisor=\"" + server.games().supervisor().orElseThrow() + "\"]")).containsText(game);
            assertThat(page.locator("#processes tr[data-pid=\"" + oldPid + "\"]")).containsText(game);
            assertThat(page.locator("#kill-reason")).hasValue("kill");
            // marks on the row and its stop button: an update in place keeps them, a new table would not
            row.evaluate("tr => { tr.dataset.marker = 'same'; tr.querySelector('button[data-action=stop]').dataset.marker = 'same'; }");

            // pushed by the server, no action on the page: a game started elsewhere appears
            String other = server.newGameName();
            server.games().startGame(other);
            assertThat(page.locator("#games tr[data-game=\"" + other + "\"]")).containsText(other);
            // the load charts draw their samples (two points at least)
            assertThat(page.locator("#chart-processes polyline")).hasAttribute("points", Pattern.compile("\\d \\d"));
            assertThat(page.locator("#chart-memory")).hasAttribute("data-samples", Pattern.compile("[1-9]\\d*"));
            assertThat(page.locator("#charts figure").first().locator(".now")).not().isEmpty();

            row.locator("button[data-action=kill]").click();
            assertThat(row).not().hasAttribute("data-pid", oldPid);
            assertThat(row).not().hasAttribute("data-pid", "");
            assertThat(row).hasAttribute("data-rules", "players_set");
            assertThat(row).hasAttribute("data-player2", "diva");
            assertThat(row).containsText("position_island player1 dot (4,4)");
            assertThat(page.locator("#log")).containsText("\"reason\":\"kill\"");
            assertThat(page.locator("#tree")).containsText(game + " (killed)");
            assertThat(dialogs).singleElement().asString().startsWith("confirm: Kill game " + game + " (" + oldPid + ")");

            assertThat(row).hasAttribute("data-marker", "same");
            assertThat(row.locator("button[data-action=stop]")).hasAttribute("data-marker", "same");
            assertThat(requests).as("one stream, no polling").filteredOn(r -> r.startsWith("GET ") && r.contains("/api/"))
                    .singleElement().asString().endsWith("/api/events?sort=pid");

            String newPid = row.getAttribute("data-pid");
            assertThat(newPid).isEqualTo(server.games().whereis(game).orElseThrow().toString());
            assertThat(server.games().state(game)).isEqualTo(before);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("observer.png")).setFullPage(true));
        }
    }
}
