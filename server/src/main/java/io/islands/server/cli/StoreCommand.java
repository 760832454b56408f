package io.islands.server.cli;

import io.islands.storage.StateStores;
import io.islands.storage.cli.StoreInspector;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code islands store list | show NAME | delete NAME [--store URL] [--config FILE]}: the command
 * line of {@link StoreInspector}. {@code --store} comes, as for {@code serve}, from the command
 * line, {@code ISLANDS_STORE}, the key {@code store} of the config file, or the default.
 */
@Command(name = "store", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Inspects a state store offline (raw JSON, no game code needed; never creates a store).",
        subcommands = {StoreCommand.ListCommand.class, StoreCommand.ShowCommand.class, StoreCommand.DeleteCommand.class},
        footer = {"", "Exit codes: 0 done, 1 no such key or store, 2 bad arguments, 3 store error."})
public final class StoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code islands store} alone: which subcommand? */
    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "needs a command: list, show NAME or delete NAME");
    }

    /** The options of every subcommand: which store. */
    static final class StoreOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--store", paramLabel = "URL", description = {"the store: sqlite:PATH, postgresql://USER:PASS@HOST:PORT/DB,",
            "jdbc:postgresql://... (env ISLANDS_STORE)"})
        String url = StateStores.DEFAULT_URL;

        @Option(names = EnvironmentDefaults.CONFIG, paramLabel = "FILE",
                description = "read --store from the key store of this properties file (env ISLANDS_CONFIG)")
        Path config;

        /** Runs {@code work} on the store; a URL no store takes is a bad --store. */
        int run(ToIntFunction<StoreInspector> work) {
            StoreInspector inspector = new StoreInspector(spec.commandLine().getOut(), spec.commandLine().getErr());
            return Cli.parse(spec, "--store", url, u -> work.applyAsInt(inspector));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "The saved keys (newest revision, versions kept, when saved) and the quarantined keys.")
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Override
        public Integer call() {
            return store.run(inspector -> inspector.list(store.url));
        }
    }

    /** A subcommand on one key of the store. */
    abstract static class KeyCommand implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Parameters(paramLabel = "NAME", description = "the key, e.g. a game's name")
        String name;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Every saved version of NAME, newest first, as JSON; its quarantine record, if any.")
    static final class ShowCommand extends KeyCommand {
        @Override
        public Integer call() {
            return store.run(inspector -> inspector.show(store.url, name));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Deletes NAME's saved versions and quarantine record.")
    static final class DeleteCommand extends KeyCommand {
        @Override
        public Integer call() {
            return store.run(inspector -> inspector.delete(store.url, name));
        }
    }
}
