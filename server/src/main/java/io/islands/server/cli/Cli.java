package io.islands.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The conventions every command of the launcher ({@code serve}, {@code store}, {@code bench},
 * {@code chaos}) follows, in one place, on picocli:
 *
 * <ul>
 *   <li>Exit codes: {@value #OK} done, {@value #FAILED} the work failed, {@value #USAGE} bad
 *       arguments; a command may add its own above these ({@code store}: 3, the store failed).
 *   <li>Bad arguments (an unknown option, a missing or unconvertible value, a value out of range,
 *       also one from the environment or a config file) print one line,
 *       {@code "<command>: <what is wrong>[ (from <source>)]"}, then the command's usage, on
 *       standard error, and exit with {@value #USAGE}; never a stack trace.
 *   <li>{@code -h/--help} and {@code -V/--version} on every command ({@code mixinStandardHelpOptions}
 *       with {@link Version}); the help shows each option's default value, where it has one.
 *   <li>Durations are {@code 500ms}, {@code 60s}, {@code 5m}, {@code 24h}, {@code 1d} or ISO-8601
 *       ({@code PT1M}), positive ({@link Durations}); registered for every {@link Duration} option.
 * </ul>
 *
 * Commands that read {@code ISLANDS_*} variables and the config file get an {@link EnvironmentDefaults}
 * as their default value provider; the others read only their command line.
 */
public final class Cli {
    public static final int OK = CommandLine.ExitCode.OK;
    public static final int FAILED = CommandLine.ExitCode.SOFTWARE;
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private Cli() {}

    /**
     * @param command a picocli {@code @Command} object (its subcommands come from its annotation)
     * @return its command line with the conventions above, writing to standard output and error
     */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.registerConverter(Duration.class, value -> {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
        cl.setParameterExceptionHandler(Cli::badArguments);
        showDefaults(cl);
        return cl;
    }

    private static void showDefaults(CommandLine cl) {
        cl.getCommandSpec().usageMessage().showDefaultValues(true);
        cl.getSubcommands().values().forEach(Cli::showDefaults);
    }

    /**
     * A bad value found after parsing (a range, a rule between options), reported as picocli's own.
     *
     * @param spec   the command whose option it is
     * @param option the option's name, e.g. {@code --port}
     * @param value  the value as given
     * @param why    what is wrong with it, e.g. {@code "is not in 0..65535"}
     * @return the exception to throw: {@code Invalid value for option '--port': '99999' is not in 0..65535}
     */
    public static ParameterException invalid(CommandSpec spec, String option, Object value, String why) {
        ArgSpec arg = spec.findOption(option);
        return new ParameterException(spec.commandLine(),
                "Invalid value for option '" + option + "': '" + value + "' " + why, arg, String.valueOf(value));
    }

    /** @return {@code value} when in {@code min..max} @throws ParameterException otherwise */
    public static long inRange(CommandSpec spec, String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(spec, option, value, "is not in " + min + ".." + max);
        }
        return value;
    }

    /**
     * @param parse turns the text into a value; its IllegalArgumentException's message says why not
     * @return the parsed value @throws ParameterException naming the option when {@code parse} refuses
     */
    public static <T> T parse(CommandSpec spec, String option, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            ArgSpec arg = spec.findOption(option);
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': " + e.getMessage(), e, arg, value);
        }
    }

    /** Exits the JVM with {@code code}. */
    public static void exit(int code) {
        System.exit(code);
    }

    /** One line (with the value's source when a default provider gave it), then the usage; exit code 2. */
    private static int badArguments(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String source = "";
        if (e.getArgSpec() != null && cl.getCommandSpec().defaultValueProvider() instanceof EnvironmentDefaults d) {
            source = d.sourceOf(e.getArgSpec()).map(s -> " (from " + s + ")").orElse("");
        }
        String message = String.valueOf(e.getMessage()).replaceAll("\\R+", " ").strip();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + message + source);
        err.println();
        cl.usage(err);
        err.flush();
        return USAGE;
    }

    /** {@code --version}: the build's version (from the jar), the Java runtime's. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Islands " + islandsVersion(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }

        static String islandsVersion() {
            try (InputStream in = Cli.class.getResourceAsStream("/META-INF/maven/io.islands/islands-server/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    return p.getProperty("version", "(unknown version)");
                }
            } catch (IOException e) {
                // reported as unknown below
            }
            return "(development build)";
        }
    }
}
