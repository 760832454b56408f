package io.islands.runtime.observe;

import io.islands.runtime.Pid;
import io.islands.runtime.Proc;

/** Gauges of the whole runtime, computed when asked (nothing is counted in between). */
public final class RuntimeGauges {
    /**
     * Messages waiting in mailboxes, over all live processes at one moment (each mailbox is read
     * on its own, so the sum is approximate while messages flow).
     *
     * @param total messages waiting in all mailboxes
     * @param max   messages waiting in the fullest mailbox
     */
    public record MailboxDepth(long total, int max) {}

    private RuntimeGauges() {}

    /** @return processes alive now; O(1) */
    public static int processesAlive() {
        return Proc.count();
    }

    /** @return the mailbox depths now; O(processes + waiting messages) */
    public static MailboxDepth mailboxes() {
        long total = 0;
        int max = 0;
        for (Pid pid : Proc.all()) {
            int n = Proc.mailboxSize(pid);
            total += n;
            max = Math.max(max, n);
        }
        return new MailboxDepth(total, max);
    }
}
