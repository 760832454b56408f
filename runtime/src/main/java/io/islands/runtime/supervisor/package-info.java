/**
 * Supervisors: OTP's supervision trees on Islands processes (otp-semantics §1.4).
 *
 * <p>Public API: {@link io.islands.runtime.supervisor.Supervisor} (a fixed, ordered list of
 * children; one_for_one, one_for_all, rest_for_one), {@link
 * io.islands.runtime.supervisor.DynamicSupervisor} (children on demand, millions of them, with
 * an optional per-child restart limit), {@link io.islands.runtime.supervisor.Application} (a
 * root supervisor stopped in order at JVM exit), and the immutable values they take and return:
 * {@link io.islands.runtime.supervisor.ChildSpec}, {@link
 * io.islands.runtime.supervisor.SupervisorFlags}, {@link io.islands.runtime.supervisor.ChildInfo},
 * {@link io.islands.runtime.supervisor.Counts}, {@link io.islands.runtime.supervisor.ChildResult},
 * {@link io.islands.runtime.supervisor.SupervisorError}.
 *
 * <p>The implementation is package-private and uses the public process API of {@code
 * io.islands.runtime} (and one internal exit hook, which keeps the list of live supervisors):
 * each supervisor is a {@link io.islands.runtime.GenServer} that traps exits, and owns all its
 * state on its own process thread.
 */
package io.islands.runtime.supervisor;
