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
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code islands store}: offline inspection of a state store. Works on the raw JSON (no game
 * code needed), so it can read any store, also one the server cannot.
 *
 * <pre>
 * islands store list [--store URL]          keys, newest revision, versions kept, time; quarantined keys
 * islands store show NAME [--store URL]     every saved version as pretty JSON; the quarantine record
 * islands store delete NAME [--store URL]   deletes the saved versions and the quarantine record
 * </pre>
 *
 * Exit codes: {@value #OK} done, {@value #NOT_FOUND} no such key or store, {@value #USAGE} bad
 * arguments, {@value #STORE_ERROR} the store failed (unreachable, locked, corrupt...).
 */
public final class StoreCli {
    public static final int OK = 0;
    public static final int NOT_FOUND = 1;
    public static final int USAGE = 2;
    public static final int STORE_ERROR = 3;

    /** Deep enough for any store written with a history depth up to this. */
    private static final int DEPTH = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String HELP = """
            Usage: islands store <command> [--store URL]

            Commands:
              list           the saved keys (newest revision, versions kept, when saved) and the quarantined keys
              show NAME      every saved version of NAME, newest first, as JSON; its quarantine record, if any
              delete NAME    delete NAME's saved versions and quarantine record

            Options:
              --store URL    the store (default %s):
                             sqlite:PATH, postgresql://USER:PASS@HOST:PORT/DB, jdbc:postgresql://...

            Exit codes: 0 done, 1 no such key or store, 2 bad arguments, 3 store error.
            """.formatted(StateStores.DEFAULT_URL);

    private final PrintStream out;
    private final PrintStream err;

    StoreCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; @return the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new StoreCli(out, err).run(args);
    }

    private int run(String[] args) {
        String url = StateStores.DEFAULT_URL;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help") || a.equals("help")) {
                out.print(HELP);
                return OK;
            } else if (a.equals("--store")) {
                if (++i == args.length) {
                    return usage("--store needs a URL");
                }
                url = args[i];
            } else if (a.startsWith("--store=")) {
                url = a.substring("--store=".length());
            } else if (a.startsWith("-")) {
                return usage("unknown option " + a);
            } else {
                words.add(a);
            }
        }
        if (words.isEmpty()) {
            return usage("no command");
        }
        String command = words.get(0);
        int arity = switch (command) {
            case "list" -> 1;
            case "show", "delete" -> 2;
            default -> -1;
        };
        if (arity < 0) {
            return usage("unknown command '" + command + "'");
        }
        if (words.size() != arity) {
            return usage(arity == 1 ? command + " takes no NAME" : command + " needs exactly one NAME");
        }
        Optional<CloseableStateStore<String>> opened;
        try {
            opened = StateStores.openExisting(url, StateCodec.rawJson(), DEPTH);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (StoreException e) {
            err.println("islands store: " + e.getMessage());
            return STORE_ERROR;
        }
        if (opened.isEmpty()) {
            err.println("islands store: no store at " + url);
            return NOT_FOUND;
        }
        try (CloseableStateStore<String> store = opened.get()) {
            return switch (command) {
                case "list" -> list(store);
                case "show" -> show(store, words.get(1));
                default -> delete(store, words.get(1));
            };
        } catch (StoreException e) {
            err.println("islands store: " + e.getMessage());
            return STORE_ERROR;
        }
    }

    private int usage(String problem) {
        err.println("islands store: " + problem);
        err.print(HELP);
        return USAGE;
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
