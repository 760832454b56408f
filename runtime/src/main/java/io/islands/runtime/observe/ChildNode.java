package io.islands.runtime.observe;

import io.islands.runtime.supervisor.ChildInfo;
import java.util.Optional;

/**
 * One child in a supervision tree. Immutable.
 *
 * @param child the child as its supervisor reported it
 * @param supervisor its own subtree when it is a running supervisor, else empty
 */
public record ChildNode(ChildInfo child, Optional<SupervisorInfo> supervisor) {}
