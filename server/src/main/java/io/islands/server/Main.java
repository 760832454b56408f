package io.islands.server;

import io.islands.server.cli.Cli;
import io.islands.server.cli.EnvironmentDefaults;
import io.islands.server.cli.ServeCommand;
import io.islands.server.cli.StoreCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The launcher's entry point for the server's commands: {@code serve [options]} ({@link ServeCommand})
 * and {@code store list|show NAME|delete NAME [--store URL]} ({@link StoreCommand}), on picocli with
 * the conventions of {@link Cli} and the {@code ISLANDS_*} variables and config file as default
 * values ({@link EnvironmentDefaults}).
 */
@Command(name = "islands", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "The Islands server's commands (the launcher ./islands lists them all).",
        subcommands = {ServeCommand.class, StoreCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    private Main() {}

    public static void main(String[] args) {
        int code = commandLine(System.getenv()).execute(args);
        if (code != 0 || !(args.length > 0 && args[0].equals("serve"))) {
            // after a clean stop of serve the JVM is already exiting: no System.exit then
            Cli.exit(code);
        }
    }

    /** @return the command line of {@code islands}, reading defaults from {@code env} and the config file it names */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cl = Cli.commandLine(new Main());
        cl.setDefaultValueProvider(new EnvironmentDefaults(env));
        return cl;
    }

    /** {@code islands} alone: the usage, as a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "needs a command: serve or store");
    }
}
