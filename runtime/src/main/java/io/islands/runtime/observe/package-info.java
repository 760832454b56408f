/**
 * Watching the runtime from outside: {@link io.islands.runtime.observe.RuntimeEvents} (crashes
 * and supervisor restarts as they happen, for metrics) and
 * {@link io.islands.runtime.observe.RuntimeGauges} (processes alive, mailbox depth, read on
 * demand). Both cost next to nothing when nobody watches.
 */
package io.islands.runtime.observe;
