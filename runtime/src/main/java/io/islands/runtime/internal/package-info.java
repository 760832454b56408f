/**
 * Hooks the runtime's own packages share, and the Islands modules that own resources per
 * process: {@link io.islands.runtime.internal.ProcessHooks} (exit hooks, and readings for the
 * observer), {@link io.islands.runtime.internal.ExitHook}, and
 * {@link io.islands.runtime.internal.EventDispatch} (telling {@code RuntimeEvents} listeners).
 *
 * <p>Not API: the runtime's module descriptor exports this package only to named Islands
 * modules (see {@code module-info.java}); code outside them uses the public packages.
 */
package io.islands.runtime.internal;
