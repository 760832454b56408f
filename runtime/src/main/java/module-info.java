/**
 * The Islands runtime: processes, links, monitors, GenServer, supervisors, the registry, term
 * tables and checkpointed servers (docs/runtime.md; docs/runtime-guide.md to use it from
 * another project). No third-party dependency.
 *
 * <p>Exports: the API packages only. {@code io.islands.runtime.internal} holds the hooks that
 * the runtime's own packages share (exit hooks, the event dispatcher, readings for the
 * observer); it is exported only to the Islands modules that own per-process resources. To
 * give another Islands module a hook, add the module to its {@code to} list; a new API package
 * gets its own {@code exports} line. The modules named in {@code to} are built after this one,
 * hence the suppressed "module not found" warning.
 */
@SuppressWarnings("module")
module io.islands.runtime {
    exports io.islands.runtime;
    exports io.islands.runtime.checkpoint;
    exports io.islands.runtime.observe;
    exports io.islands.runtime.supervisor;
    exports io.islands.runtime.table;

    // table ownership and checks shared by every Table implementation (the disk table in storage)
    exports io.islands.runtime.table.spi to
            io.islands.storage;
    exports io.islands.runtime.internal to
            io.islands.storage,
            io.islands.server;
}
