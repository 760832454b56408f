package io.islands.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The system's Chromium for browser tests through Playwright (no browser download; the flags
 * keep it off the network), and where their screenshots go.
 */
public final class Chromium {
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Path.of("target/screenshots");

    private Chromium() {}

    /** Skips the calling test, saying so, when Chromium is absent; else makes the screenshot folder. */
    public static void assumePresent(String test) throws java.io.IOException {
        assumeTrue(Files.isExecutable(EXECUTABLE), EXECUTABLE + " is absent: skipping " + test);
        Files.createDirectories(SCREENSHOTS);
    }

    /** @return a Playwright that never downloads browsers (close it after the browser) */
    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** @return headless Chromium launched by {@code pw} */
    public static Browser launch(Playwright pw) {
        return pw.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run")));
    }

    /**
     * One Chromium for a test class: {@code @RegisterExtension static final Chromium.PerClass
     * chromium = new Chromium.PerClass("what is tested")}; skips the class, saying so, when
     * Chromium is absent.
     */
    public static final class PerClass implements org.junit.jupiter.api.extension.BeforeAllCallback,
            org.junit.jupiter.api.extension.AfterAllCallback {
        private final String tests;
        private Playwright pw;
        private Browser browser;

        public PerClass(String tests) {
            this.tests = tests;
        }

        @Override
        public void beforeAll(org.junit.jupiter.api.extension.ExtensionContext context) throws Exception {
            assumePresent(tests);
            pw = playwright();
            browser = launch(pw);
        }

        @Override
        public void afterAll(org.junit.jupiter.api.extension.ExtensionContext context) {
            if (browser != null) {
                browser.close();
            }
            if (pw != null) {
                pw.close();
            }
        }

        /** @return the class's browser (after its start) */
        public Browser browser() {
            return browser;
        }
    }
}
