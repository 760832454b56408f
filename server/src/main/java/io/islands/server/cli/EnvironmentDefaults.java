package io.islands.server.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The default value of an option not given on the command line, for the server's commands
 * ({@code serve}, {@code store}). Precedence, highest first:
 *
 * <ol>
 *   <li>the command line (picocli asks this provider only for options not given there);
 *   <li>the environment variable {@code ISLANDS_NAME} of option {@code --name} (upper case,
 *       {@code -} as {@code _}: {@code --log-level} is {@code ISLANDS_LOG_LEVEL});
 *   <li>the key {@code name} of the Java properties file named by {@code --config FILE} or
 *       {@code ISLANDS_CONFIG};
 *   <li>the command's built-in default (its field's initial value; a {@link Duration} written
 *       the short way, {@code 60s}, so that the help shows it so).
 * </ol>
 *
 * A key of the config file that names no option of any of the server's commands is an error (a
 * typo must not pass silently); an unknown {@code ISLANDS_*} variable is ignored (the environment
 * holds other programs' settings too). A value from the environment or the file is checked as one
 * from the command line, and its error names where it came from ({@link #sourceOf}).
 *
 * <p>Not thread-safe: one per command line, used by the thread that parses.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    /** The option naming the config file. */
    public static final String CONFIG = "--config";
    static final String PREFIX = "ISLANDS_";

    private final Map<String, String> env;
    private final Map<Path, Map<String, String>> files = new HashMap<>();
    private final Map<ArgSpec, String> sources = new IdentityHashMap<>();

    /** @param env the environment ({@code System.getenv()}; only {@code ISLANDS_*} names are read) */
    public EnvironmentDefaults(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** @return the variable of an option: {@code --log-level} is {@code ISLANDS_LOG_LEVEL} */
    public static String variable(String option) {
        return PREFIX + key(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** @return the config file key of an option: {@code --log-level} is {@code log-level} */
    public static String key(String option) {
        return option.replaceFirst("^-+", "");
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String name = option.longestName();
        String variable = variable(name);
        if (env.get(variable) != null) {
            sources.put(arg, "environment " + variable);
            return env.get(variable).strip();
        }
        if (!name.equals(CONFIG)) {
            Path file = configFile(option.command());
            if (file != null) {
                String value = read(file, option.command()).get(key(name));
                if (value != null) {
                    sources.put(arg, "key " + key(name) + " of " + file);
                    return value;
                }
            }
        }
        sources.remove(arg);
        return option.initialValue() instanceof Duration d ? Durations.format(d) : null;
    }

    /** @return where the default of {@code arg} came from, when this provider gave one from the environment or a file */
    public Optional<String> sourceOf(ArgSpec arg) {
        return Optional.ofNullable(sources.get(arg));
    }

    /** @return the config file of this parse: {@code --config} as given, else {@code ISLANDS_CONFIG}, else none */
    private Path configFile(CommandSpec command) {
        OptionSpec config = command.findOption(CONFIG);
        if (config == null) {
            return null;
        }
        Object given = config.getValue();
        String name = given != null ? given.toString() : env.get(variable(CONFIG));
        return name == null || name.isBlank() ? null : Path.of(name);
    }

    private Map<String, String> read(Path file, CommandSpec command) {
        Map<String, String> known = files.get(file);
        if (known != null) {
            return known;
        }
        CommandLine cl = command.commandLine();
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(cl, "cannot read the config file " + file + ": " + e, e, command.findOption(CONFIG),
                    file.toString());
        }
        Set<String> keys = new HashSet<>();
        collectKeys(command.root(), keys);
        Map<String, String> values = new HashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (!keys.contains(k) || k.equals(key(CONFIG))) {
                throw new ParameterException(cl, "unknown key in the config file " + file + ": " + k);
            }
            values.put(k, p.getProperty(k).strip());
        }
        files.put(file, values);
        return values;
    }

    /** The keys a config file may hold: the long options of the command tree under {@code command}. */
    private static void collectKeys(CommandSpec command, Set<String> keys) {
        for (OptionSpec o : command.options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                keys.add(key(o.longestName()));
            }
        }
        for (CommandLine sub : command.subcommands().values()) {
            collectKeys(sub.getCommandSpec(), keys);
        }
    }
}
