package io.islands.runtime.supervisor;

import io.islands.runtime.Pid;
import java.util.Optional;

/**
 * One child as {@code whichChildren} reports it: OTP's {@code {Id, Child, Type, Modules}}.
 *
 * @param id the spec's id
 * @param pid the running process; empty when the child is not running (OTP's {@code undefined})
 *     or is being restarted
 * @param restarting true while a failed restart waits to be tried again (OTP's {@code restarting})
 * @param type worker or supervisor
 * @param restart the spec's restart type
 */
public record ChildInfo(Object id, Optional<Pid> pid, boolean restarting, ChildType type, Restart restart) {}
