package io.islands.runtime;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The receive loop of a {@link GenServer}, and the client side of call, start and stop.
 *
 * <p>Design note: the loop runs on the server's own process thread and owns {@code state} and
 * {@code next} alone. Callers never touch server state: they deliver {@link Call}, {@link Cast}
 * or {@link StopRequest} messages and wait on a {@link From} slot, which is also registered as a
 * watch on the server so that the server's death completes it.
 */
final class GenServerLoop<S> implements ProcessBody {
    static final System.Logger LOG = System.getLogger("io.islands.runtime.GenServer");

    record Call(Object request, From from) {
        @Override
        public String toString() { // what the observer shows as the current call
            return "call " + request;
        }
    }

    record Cast(Object request) {
        @Override
        public String toString() {
            return "cast " + request;
        }
    }

    record StopRequest(ExitReason reason) {}

    private final GenServer<S> server;
    private final Name name;
    /** {@link GenServer.StartOptions#hibernateAfter} in nanoseconds; 0: never on its own. */
    private final long hibernateAfterNanos;
    private From ack; // cleared once init has been acknowledged
    private S state;

    private GenServerLoop(GenServer<S> server, Name name, Duration hibernateAfter, From ack) {
        this.server = server;
        this.name = name;
        this.hibernateAfterNanos = hibernateAfter == null ? 0 : Proc.nanos(hibernateAfter);
        this.ack = ack;
    }

    // ---- starting --------------------------------------------------------------------------

    static StartResult start(GenServer<?> server, GenServer.StartOptions options, boolean link) {
        ProcessCell self = ProcessCell.current();
        From ack = callerSlot();
        GenServerLoop<?> loop = new GenServerLoop<>(server, options.name(), options.hibernateAfter(), ack);
        String label = options.label() != null ? options.label()
                : options.name() != null ? options.name().toString() : null;
        ProcessCell cell = ProcessCell.spawn(loop, link, false, label);
        cell.watch(ack); // false only if already dead, and then ack is complete already
        ProcessCell.await(ack::isDone, Proc.nanos(options.startTimeout()));
        cell.unwatch(ack);
        if (!ack.isDone() && ack.complete(new From.Failure(ExitReason.TIMEOUT))) {
            if (link && self != null) {
                self.unlink(cell);
            }
            Proc.exit(cell.pid, ExitReason.KILL);
            return new StartResult.Error(ExitReason.TIMEOUT);
        }
        Object outcome = ack.outcome();
        if (outcome instanceof From.Failure f) {
            return new StartResult.Error(f.reason());
        }
        return (StartResult) outcome;
    }

    @Override
    public void run() throws Exception {
        ProcessCell cell = Proc.cell();
        if (name != null) {
            Optional<Pid> holder = name.register();
            if (holder.isPresent()) {
                failStart(cell, new StartResult.AlreadyStarted(holder.get()));
                return;
            }
        }
        InitResult<S> init;
        try {
            init = server.init();
        } catch (ProcessCell.Unwind u) {
            throw u;
        } catch (Throwable t) {
            ExitReason reason = t instanceof ExitException e ? e.reason() : ExitReason.crash(t);
            failStart(cell, new StartResult.Error(reason));
            throw new ExitException(reason);
        }
        switch (init) {
            case InitResult.Ignore<S> i -> failStart(cell, new StartResult.Ignore());
            case InitResult.Stop<S> s -> {
                failStart(cell, new StartResult.Error(s.reason()));
                throw new ExitException(s.reason());
            }
            case InitResult.Ok<S> ok -> {
                state = ok.state();
                ack.complete(new StartResult.Ok(cell.pid));
                ack = null;
                loop(cell, ok.next(), false);
            }
        }
    }

    private void failStart(ProcessCell cell, StartResult result) {
        if (!cell.parent.equals(Pid.EXTERNAL) && cell.parent.cell != null) {
            cell.unlink(cell.parent.cell);
        }
        ack.complete(result);
    }

    // ---- the loop --------------------------------------------------------------------------

    /**
     * @param hibernated whether the process has just hibernated: it then waits as {@code next}
     *     says and does not hibernate again before it has handled a message
     */
    private void loop(ProcessCell cell, Next next, boolean hibernated) {
        for (;;) {
            Object msg;
            if (next instanceof Next.Continue c) {
                msg = c;
            } else if (next instanceof Next.Hibernate && !hibernated) {
                throw hibernate(cell, Next.NONE);
            } else {
                long timeout = next instanceof Next.Timeout t ? Proc.nanos(t.after()) : -1;
                long idle = hibernated ? 0 : hibernateAfterNanos;
                if (idle > 0 && (timeout < 0 || timeout > idle)) { // hibernate_after comes first
                    long start = System.nanoTime();
                    msg = cell.receive(null, idle);
                    if (msg == null) {
                        long left = timeout < 0 ? -1 : Math.max(0, timeout - (System.nanoTime() - start));
                        throw hibernate(cell, left < 0 ? Next.NONE : Next.timeout(Duration.ofNanos(left)));
                    }
                } else {
                    msg = cell.receive(null, timeout);
                    if (msg == null) {
                        msg = IdleTimeout.INSTANCE;
                    }
                }
            }
            hibernated = false;
            cell.current = msg;
            Result<S> result;
            try {
                result = dispatch(cell, msg);
            } catch (ProcessCell.Unwind u) {
                throw u;
            } catch (Throwable t) {
                ExitReason reason = t instanceof ExitException e ? e.reason() : ExitReason.crash(t);
                callTerminate(reason);
                throw new ExitException(reason);
            }
            next = apply(msg, result);
            cell.current = null;
        }
    }

    /** Goes on waiting as {@code next} says on a fresh thread ({@link ProcessCell#hibernate}); never returns. */
    private Error hibernate(ProcessCell cell, Next next) {
        cell.hibernate(() -> loop(cell, next, true));
        throw new AssertionError("hibernate returned");
    }

    private Result<S> dispatch(ProcessCell cell, Object msg) throws Exception {
        return switch (msg) {
            case Call c -> server.handleCall(c.request(), c.from(), state);
            case Cast c -> server.handleCast(c.request(), state);
            case Next.Continue c -> server.handleContinue(c.value(), state);
            case StopRequest s -> Result.stop(s.reason(), state);
            case Exit e when e.from().equals(cell.parent) && cell.trapExit -> Result.stop(e.reason(), state);
            default -> server.handleInfo(msg, state);
        };
    }

    /** Applies a callback's result. @return what to do next; exits the process on stop */
    private Next apply(Object msg, Result<S> result) {
        switch (result) {
            case Result.Reply<S> r -> {
                state = r.state();
                if (!(msg instanceof Call c)) {
                    throw new ExitException(ExitReason.crash(new IllegalStateException(
                            "reply returned for a message that is not a call: " + msg)));
                }
                c.from().complete(r.reply());
                return r.next();
            }
            case Result.NoReply<S> r -> {
                state = r.state();
                return r.next();
            }
            case Result.Stop<S> s -> {
                state = s.state();
                callTerminate(s.reason());
                if (s.hasReply() && msg instanceof Call c) {
                    c.from().complete(s.reply());
                }
                throw new ExitException(s.reason());
            }
        }
    }

    private void callTerminate(ExitReason reason) {
        try {
            server.terminate(reason, state);
        } catch (ProcessCell.Unwind u) {
            throw u;
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "terminate of " + Proc.self() + " failed", t);
        }
    }

    // ---- client side -----------------------------------------------------------------------

    static Object call(Pid server, Object request, Duration timeout) {
        ProcessCell self = ProcessCell.current();
        if (self != null) {
            self.safePoint();
        }
        From from = deliverAndWait(server, "call to", f -> new Call(request, f), timeout);
        if (!from.isDone() && from.complete(new From.Failure(ExitReason.TIMEOUT))) {
            throw new ExitException(ExitReason.TIMEOUT, "call to " + server + " timed out after " + timeout);
        }
        Object outcome = from.outcome();
        if (outcome instanceof From.Failure f) {
            throw new ExitException(f.reason(), "call to " + server + " failed: " + f.reason());
        }
        return outcome;
    }

    static void stop(Pid server, ExitReason reason, Duration timeout) {
        From done = deliverAndWait(server, "stop", f -> new StopRequest(reason), timeout);
        if (!done.isDone()) {
            throw new ExitException(ExitReason.TIMEOUT, "stop " + server + " timed out after " + timeout);
        }
    }

    /**
     * The client side of a request: a new {@link From} for the calling thread watches the server
     * (so the server's death completes it), the message made from it is delivered, and the
     * caller waits until it completes or {@code timeout} passes.
     *
     * @return the From, done or not
     * @throws ExitException noproc if the server is not alive
     */
    private static From deliverAndWait(Pid server, String what, Function<From, Object> message, Duration timeout) {
        ProcessCell target = server.cell;
        From from = callerSlot();
        if (target == null || !target.watch(from)) {
            throw new ExitException(ExitReason.NOPROC, what + " " + server + ": no such process");
        }
        target.deliver(message.apply(from));
        ProcessCell.await(from::isDone, Proc.nanos(timeout));
        target.unwatch(from);
        return from;
    }

    /** @return a new reply slot for the calling thread (and its process, if it is one) */
    private static From callerSlot() {
        ProcessCell self = ProcessCell.current();
        return new From(Thread.currentThread(), self == null ? Pid.EXTERNAL : self.pid);
    }
}
