package io.islands.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid argument is refused up front with an IllegalArgumentException naming what is wrong. */
class ValidationTest {
    static final ChildStart START = () -> null;
    static final SupervisorFlags FLAGS = SupervisorFlags.oneForOne();

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("null id", (Runnable) () -> new ChildSpec(null, START, Restart.PERMANENT, Shutdown.infinity(), ChildType.WORKER),
                        List.of("id")),
                Arguments.of("null start", (Runnable) () -> ChildSpec.worker("w1", null), List.of("'w1'", "start")),
                Arguments.of("null restart", (Runnable) () -> ChildSpec.worker("w2", START).withRestart(null), List.of("'w2'", "restart")),
                Arguments.of("null shutdown", (Runnable) () -> ChildSpec.worker("w3", START).withShutdown(null), List.of("'w3'", "shutdown")),
                Arguments.of("null type", (Runnable) () -> new ChildSpec("w4", START, Restart.PERMANENT, Shutdown.infinity(), null),
                        List.of("'w4'", "type")),
                Arguments.of("negative shutdown timeout", (Runnable) () -> Shutdown.timeout(Duration.ofMillis(-1)), List.of("shutdown timeout")),
                Arguments.of("null strategy", (Runnable) () -> new SupervisorFlags(null, 3, Duration.ofSeconds(5)), List.of("strategy")),
                Arguments.of("negative intensity", (Runnable) () -> FLAGS.withIntensity(-1, Duration.ofSeconds(5)), List.of("intensity", "-1")),
                Arguments.of("zero period", (Runnable) () -> FLAGS.withIntensity(3, Duration.ZERO), List.of("period", "positive")),
                Arguments.of("negative period", (Runnable) () -> FLAGS.withIntensity(3, Duration.ofSeconds(-1)), List.of("period")),
                Arguments.of("null period", (Runnable) () -> FLAGS.withIntensity(3, null), List.of("period")),
                Arguments.of("null flags", (Runnable) () -> Supervisor.start(null, List.of()), List.of("flags")),
                Arguments.of("null children", (Runnable) () -> Supervisor.start(FLAGS, null), List.of("children")),
                Arguments.of("null child", (Runnable) () -> Supervisor.start(FLAGS, Arrays.asList(ChildSpec.worker("a", START), null)),
                        List.of("children[1]")),
                Arguments.of("duplicate id", (Runnable) () -> Supervisor.start(FLAGS, List.of(
                        ChildSpec.worker("a", START), ChildSpec.worker("b", START), ChildSpec.worker("a", START))),
                        List.of("duplicate child id 'a'", "children[0]", "children[2]")),
                Arguments.of("duplicate id in a child supervisor spec", (Runnable) () -> Supervisor.childSpec("s", FLAGS, List.of(
                        ChildSpec.worker("x", START), ChildSpec.worker("x", START))), List.of("duplicate child id 'x'")),
                Arguments.of("null startChild spec", (Runnable) () -> Supervisor.startChild(io.islands.runtime.Pid.EXTERNAL, null),
                        List.of("spec")),
                Arguments.of("negative maxChildren", (Runnable) () -> DynamicSupervisor.Options.defaults().withMaxChildren(-1),
                        List.of("maxChildren")),
                Arguments.of("negative dynamic intensity", (Runnable) () -> DynamicSupervisor.Options.defaults()
                        .withIntensity(-2, Duration.ofSeconds(1)), List.of("intensity")),
                Arguments.of("negative maxRestartsPerChild", (Runnable) () -> DynamicSupervisor.Options.defaults()
                        .withMaxRestartsPerChild(-1, Duration.ofSeconds(1)), List.of("maxRestartsPerChild")),
                Arguments.of("zero perChildPeriod", (Runnable) () -> DynamicSupervisor.Options.defaults()
                        .withMaxRestartsPerChild(3, Duration.ZERO), List.of("perChildPeriod")),
                Arguments.of("null dynamic options", (Runnable) () -> DynamicSupervisor.start(null), List.of("options")),
                Arguments.of("null application name", (Runnable) () -> Application.start(null, FLAGS, List.of()), List.of("name")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void isRefusedWithAPreciseMessage(String what, Runnable action, List<String> mentions) {
        assertThatThrownBy(action::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(mentions.toArray(String[]::new));
    }
}
