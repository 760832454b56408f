package io.islands.runtime;

/**
 * A monitor, as returned by {@link Proc#monitor(Pid)}: unique, compared by identity, used to
 * match the {@link Down} message and to {@link Proc#demonitor(MonitorRef) demonitor}.
 */
public final class MonitorRef {
    final Pid target;
    final ProcessCell.Watch watch;

    MonitorRef(Pid target, ProcessCell.Watch watch) {
        this.target = target;
        this.watch = watch;
    }

    /** @return the monitored process */
    public Pid target() {
        return target;
    }

    @Override
    public String toString() {
        return "#Ref<monitor " + target + "@" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
