package io.islands.storage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.islands.runtime.checkpoint.Quarantined;
import io.islands.runtime.checkpoint.Saved;
import io.islands.runtime.checkpoint.StoreException;
import io.islands.storage.CloseableStateStore;
import io.islands.storage.KeySummary;
import io.islands.storage.StateCodec;
import io.islands.storage.StateStores;
import io.islands.storage.StoredVersion;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The work of {@code islands store} (its command line is the server's {@code StoreCommand}):
 * offline inspection of a state store. Works on the raw JSON (no game code needed), so it can
 * read any store, also one the server cannot. Never creates a store.
 *
 * <pre>
 * list           keys, newest revision, versions kept, time; quarantined keys
 * show NAME      every saved version as pretty JSON; the quarantine record
 * delete NAME    deletes the saved versions and the quarantine record
 * </pre>
 *
 * Each returns its exit code: {@value #OK} done, {@value #NOT_FOUND} no such key or store,
 * {@value #STORE_ERROR} the store failed (unreachable, locked, corrupt...), with one line on the
 * error stream for the last two. Output goes to the given writers, which are flushed.
 */
public final class StoreInspector {
    public static final int OK = 0;
    public static final int NOT_FOUND = 1;
    public static final int STORE_ERROR = 3;

    /** Deep enough for any store written with a history depth up to this. */
    private static final int DEPTH = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;

    /** @param out where results go @param err where the one-line failures go */
    public StoreInspector(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Lists the keys and the quarantined keys of the store at {@code url}. @throws IllegalArgumentException for a URL no store takes */
    public int list(String url) {
        return withStore(url, this::list);
    }

    /** Prints every saved version of {@code key}, then its quarantine record. @throws IllegalArgumentException for a URL no store takes */
    public int show(String url, String key) {
        return withStore(url, store -> show(store, key));
    }

    /** Deletes {@code key}'s saved versions and quarantine record. @throws IllegalArgumentException for a URL no store takes */
    public int delete(String url, String key) {
        return withStore(url, store -> delete(store, key));
    }

    private int withStore(String url, ToIntFunction<CloseableStateStore<String>> work) {
        try {
            Optional<CloseableStateStore<String>> opened;
            try {
                opened = StateStores.openExisting(url, StateCodec.rawJson(), DEPTH);
            } catch (StoreException e) {
                err.println("islands store: " + e.getMessage());
                return STORE_ERROR;
            }
            if (opened.isEmpty()) {
                err.println("islands store: no store at " + url);
                return NOT_FOUND;
            }
            try (CloseableStateStore<String> store = opened.get()) {
                return work.applyAsInt(store);
            } catch (StoreException e) {
                err.println("islands store: " + e.getMessage());
                return STORE_ERROR;
            }
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int list(CloseableStateStore<String> store) {
        List<KeySummary> keys = store.summaries();
        List<String> aside = store.quarantinedKeys();
        out.println(store.describe() + ": " + keys.size() + " key(s), " + aside.size() + " quarantined");
        if (!keys.isEmpty()) {
            int width = Math.max(3, keys.stream().mapToInt(k -> k.key().length()).max().orElse(0));
            out.printf("%-" + width + "s  %8s  %8s  %s%n", "KEY", "REVISION", "VERSIONS", "SAVED AT");
            for (KeySummary k : keys) {
                out.printf("%-" + width + "s  %8d  %8d  %s%n", k.key(), k.revision(), k.versions(), time(k.savedAt()));
            }
        }
        if (!aside.isEmpty()) {
            out.println();
            out.println("QUARANTINED");
            for (String key : aside) {
                store.quarantined(key).ifPresent(q -> out.println(q.key() + "  since " + q.at() + "  " + q.reason()));
            }
        }
        return OK;
    }

    private int show(CloseableStateStore<String> store, String key) {
        List<StoredVersion<String>> history = store.history(key);
        Optional<Quarantined<String>> aside = store.quarantined(key);
        if (history.isEmpty() && aside.isEmpty()) {
            err.println("islands store: no saved state and no quarantine record for '" + key + "' in " + store.describe());
            return NOT_FOUND;
        }
        if (!history.isEmpty()) {
            out.println(key + ": " + history.size() + " saved version(s), newest first");
            for (StoredVersion<String> v : history) {
                out.println();
                out.println("revision " + v.saved().revision() + ", saved " + time(v.savedAt()));
                out.println(pretty(v.saved().state()));
            }
        }
        aside.ifPresent(q -> {
            if (!history.isEmpty()) {
                out.println();
            }
            out.println(key + " is QUARANTINED since " + q.at() + ": " + q.reason());
            out.println(q.versions().size() + " version(s) set aside, newest first");
            for (Saved<String> v : q.versions()) {
                out.println();
                out.println("revision " + v.revision());
                out.println(pretty(v.state()));
            }
        });
        return OK;
    }

    private int delete(CloseableStateStore<String> store, String key) {
        boolean released = store.release(key).isPresent();
        boolean deleted = store.delete(key);
        if (!released && !deleted) {
            err.println("islands store: nothing stored under '" + key + "' in " + store.describe());
            return NOT_FOUND;
        }
        out.println("deleted " + key + (released ? " (and its quarantine record)" : ""));
        return OK;
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.toString();
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (Exception e) {
            return json + "\n(not valid JSON: " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }
}
