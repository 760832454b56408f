package io.islands.server.game;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;

/**
 * Drives the web page (public/js/main.js documents its DOM hooks) in Playwright browser tests:
 * one page per player, each in its own context (its own storage).
 */
final class Pages {
    private Pages() {}

    /** A new context's page on {@code url}, with a 10 s default timeout. */
    static Page open(Browser browser, String url) {
        Page p = browser.newContext().newPage();
        p.setDefaultTimeout(10_000);
        p.navigate(url);
        return p;
    }

    /** Creates game {@code game} (the player's own name); {@code invited}: only with the invite link. */
    static void create(Page p, String game, boolean invited) {
        p.locator("#name").fill(game);
        p.locator("#invite-only").setChecked(invited);
        p.locator("#create").click();
    }

    /** Joins {@code game} as {@code name} from the lobby. */
    static void join(Page p, String game, String name) {
        p.locator("#name").fill(name);
        p.locator("#game").fill(game);
        p.locator("#join").click();
    }

    static Locator cell(Page p, String grid, int row, int col) {
        return p.locator(grid + " [data-row=\"" + row + "\"][data-col=\"" + col + "\"]");
    }

    /** Asks to place island {@code type} with its upper-left corner at (row, col), by palette and grid clicks. */
    static void place(Page p, String type, int row, int col) {
        p.locator("#palette [data-island=" + type + "]").click();
        cell(p, "#own-grid", row, col).click();
    }

    /** Places island {@code type} at (row, col) as {@link #place} does and waits until the server took it. */
    static void placed(Page p, String type, int row, int col) {
        place(p, type, row, col);
        assertThat(p.locator("#palette [data-island=" + type + "]")).hasAttribute("data-placed", "true");
    }

    /** Places the demo islands (Demo.PLACEMENT), waiting for each. */
    static void placeDemo(Page p) {
        for (var e : Demo.PLACEMENT.entrySet()) {
            placed(p, e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
    }

    /** Both players place the demo islands by palette and grid clicks and set them; the battle starts. */
    static void placeAndSetBoth(Page moon, Page diva) {
        for (Page p : List.of(moon, diva)) {
            assertThat(p.locator("#app")).hasAttribute("data-phase", "placing");
            placeDemo(p);
            assertThat(p.locator("#own-grid [data-land]")).hasCount(Demo.CELLS.size());
            p.locator("#set-islands").click();
        }
        for (Page p : List.of(moon, diva)) {
            assertThat(p.locator("#app")).hasAttribute("data-phase", "playing");
        }
    }

    /** {@code shooter} fires at (row, col) on its turn; both pages show the result ({@code hit}/{@code miss}). */
    static void fire(Page shooter, Page target, int row, int col, String result) {
        assertThat(shooter.locator("#app")).hasAttribute("data-turn", "mine");
        cell(shooter, "#target-grid", row, col).click();
        assertThat(cell(shooter, "#target-grid", row, col)).hasAttribute("data-shot", result);
        assertThat(cell(target, "#own-grid", row, col)).hasAttribute("data-shot", result);
    }
}
