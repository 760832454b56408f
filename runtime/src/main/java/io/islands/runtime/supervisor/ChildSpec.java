package io.islands.runtime.supervisor;

/**
 * What a supervisor needs to start, restart and stop one child (OTP's child spec). Immutable.
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>meaning</th><th>default (factories)</th></tr>
 *   <tr><td>{@code id}</td><td>names the child inside its {@link Supervisor} (unique there; any
 *       value with equals/hashCode). A {@link DynamicSupervisor} only reports it.</td><td>required</td></tr>
 *   <tr><td>{@code start}</td><td>creates <b>and links</b> the child; see {@link ChildStart}</td><td>required</td></tr>
 *   <tr><td>{@code restart}</td><td>see {@link Restart}</td><td>{@link Restart#PERMANENT}</td></tr>
 *   <tr><td>{@code shutdown}</td><td>see {@link Shutdown}</td><td>5 s for a worker, infinity for a supervisor</td></tr>
 *   <tr><td>{@code type}</td><td>see {@link ChildType}</td><td>set by {@link #worker} / {@link #supervisor}</td></tr>
 * </table>
 *
 * <p>The constructor throws IllegalArgumentException when a field is null, naming the child id
 * and the field.
 */
public record ChildSpec(Object id, ChildStart start, Restart restart, Shutdown shutdown, ChildType type) {

    public ChildSpec {
        if (id == null) {
            throw new IllegalArgumentException("child spec: id must not be null");
        }
        require(id, "start", start);
        require(id, "restart", restart);
        require(id, "shutdown", shutdown);
        require(id, "type", type);
    }

    private static void require(Object id, String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("child spec " + quote(id) + ": " + field + " must not be null");
        }
    }

    static String quote(Object id) {
        return "'" + id + "'";
    }

    /** @return a permanent worker with a 5 s shutdown */
    public static ChildSpec worker(Object id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.WORKER_DEFAULT, ChildType.WORKER);
    }

    /** @return a permanent supervisor child with an infinite shutdown */
    public static ChildSpec supervisor(Object id, ChildStart start) {
        return new ChildSpec(id, start, Restart.PERMANENT, Shutdown.infinity(), ChildType.SUPERVISOR);
    }

    public ChildSpec withRestart(Restart restart) {
        return new ChildSpec(id, start, restart, shutdown, type);
    }

    public ChildSpec withShutdown(Shutdown shutdown) {
        return new ChildSpec(id, start, restart, shutdown, type);
    }

    public ChildSpec withId(Object id) {
        return new ChildSpec(id, start, restart, shutdown, type);
    }
}
