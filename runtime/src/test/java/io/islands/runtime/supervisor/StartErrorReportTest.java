package io.islands.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.StartResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * start_error reports, as OTP makes them: a child that fails to start when the supervisor starts
 * it by itself (a restart) is logged; a start_child call whose caller gets the failure back
 * (here AlreadyStarted, the answer an activation racing a restart gets) is not. Regression: every
 * such answer was logged at ERROR, hundreds per second in the recovery bench.
 */
class StartErrorReportTest {
    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final Logger jul = Logger.getLogger("io.islands.runtime.supervisor");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String text = r.getParameters() == null ? r.getMessage()
                    : java.text.MessageFormat.format(r.getMessage(), r.getParameters());
            if (text.contains("start_error")) {
                reports.add(text);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        jul.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        jul.removeHandler(capture);
    }

    @Test
    void aStartChildAnsweredAlreadyStartedIsNotReported_aFailedRestartIs() {
        Pid sup = Procs.started(DynamicSupervisor.start(DynamicSupervisor.Options.defaults()));
        Pid other = Procs.started(GenServer.start(new Worker("other", null, false)));
        ChildSpec taken = ChildSpec.worker("taken", () -> new StartResult.AlreadyStarted(other));
        assertThat(DynamicSupervisor.startChild(sup, taken)).isEqualTo(new StartResult.AlreadyStarted(other));
        assertThat(reports).isEmpty();

        AtomicInteger starts = new AtomicInteger();
        ChildSpec once = ChildSpec.worker("once", () -> starts.incrementAndGet() == 1
                ? GenServer.startLink(new Worker("once", null, false))
                : new StartResult.Error(ExitReason.other("cannot start again")));
        Pid child = Procs.started(DynamicSupervisor.startChild(sup, once));
        Proc.exit(child, ExitReason.kill());
        Procs.await().until(() -> !reports.isEmpty());
        assertThat(reports.getFirst()).contains("'once'").contains("cannot start again");
        Proc.exit(sup, ExitReason.kill());
        Proc.exit(other, ExitReason.kill());
    }
}
