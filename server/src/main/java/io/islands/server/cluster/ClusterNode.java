package io.islands.server.cluster;

import io.islands.runtime.ExitReason;
import io.islands.runtime.GenServer;
import io.islands.runtime.InitResult;
import io.islands.runtime.Name;
import io.islands.runtime.Pid;
import io.islands.runtime.Proc;
import io.islands.runtime.Result;
import io.islands.runtime.supervisor.ChildSpec;
import io.islands.runtime.supervisor.Shutdown;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.conf.ProtocolConfiguration;
import org.jgroups.conf.XmlConfigurator;
import org.jgroups.util.NameCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's member of the cluster's JGroups group: node-to-node requests with replies, broadcasts
 * to every other node, and the group's views as the fast membership signal (docs/cluster.md).
 *
 * <p>The channel runs the stack of the resource {@code /islands-cluster.xml} (TCP on the bind
 * address, discovery through JDBC_PING2 in the store's PostgreSQL, FD_SOCK2 + FD_ALL3 +
 * VERIFY_SUSPECT2 failure detection, NAKACK2/UNICAST3 reliability, GMS, MERGE3, FRAG4). Messages
 * are JGroups byte messages of our own framing: one kind byte, an 8-byte correlation id, then the
 * body, never a serialized Java object (JGroups' RPC replies are Java-deserialized, so they are not
 * used). A body is at most {@link #MAX_BODY} bytes. Requests and replies are sent out of band and
 * unbundled (each is independent: no order among them is needed, and none waits for a bundle);
 * broadcasts keep JGroups' order per sender.
 *
 * <p>Design note: the channel is owned by a supervised, named process ({@link #childSpec}): its
 * init creates and connects the channel, its terminate closes it, and it receives the views, which
 * it handles one at a time (fails the requests waiting on nodes that left, then tells {@link
 * InboundHandler#membersChanged}). A killed owner leaves its channel behind; the next owner closes that
 * orphan before it connects a new one. Callers never go through the process: {@link #request} and
 * {@link #broadcast} use the channel of the moment (an {@link AtomicReference} written only by the
 * owner), and replies complete futures in a concurrent map keyed by correlation id. Inbound
 * requests run each on a virtual thread of their own, at most {@link #MAX_IN_FLIGHT} at once (more
 * are refused at once with "busy"); broadcasts and replies are handled on JGroups' threads (they only
 * hand a frame on).
 */
public final class ClusterNode {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    /** The largest body of a request, reply or broadcast, in bytes. */
    public static final int MAX_BODY = 1 << 20;
    /** Inbound requests handled at once; more are refused ("busy"). */
    static final int MAX_IN_FLIGHT = 512;
    static final String STACK = "/islands-cluster.xml";

    private static final byte REQUEST = 1;
    private static final byte REPLY = 2;
    private static final byte FAILED = 3;
    private static final byte BROADCAST = 4;
    private static final int HEADER = 9;

    /**
     * Where this node is and how it finds the others.
     *
     * @param cluster the group's name (nodes of one cluster share it)
     * @param node this node's name, unique in the cluster
     * @param bindHost the address the group's TCP listens on (loopback in tests)
     * @param bindPort its port (0: a free one, chosen at start)
     * @param jdbcUrl the PostgreSQL of the discovery table ({@code jdbc:postgresql://...})
     * @param user its user, or null
     * @param password its password, or null
     */
    public record StackSettings(String cluster, String node, String bindHost, int bindPort, String jdbcUrl, String user,
            String password) {
        public StackSettings {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(bindHost, "bindHost");
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            if (bindPort < 0 || bindPort > 65535) {
                throw new IllegalArgumentException("bind port out of range: " + bindPort);
            }
        }
    }

    /** What the node hands to the server. */
    public interface InboundHandler {
        /**
         * A request from another node; runs on a virtual thread of its own.
         *
         * @return the reply's body (at most {@link #MAX_BODY} bytes)
         * @throws Exception the requester gets a {@link NodeUnavailableException} REMOTE with its message
         */
        byte[] request(String from, byte[] body) throws Exception;

        /** A broadcast from another node; runs on a JGroups thread: hand it on, do not block. */
        void broadcast(String from, byte[] body);

        /**
         * A new view; runs in the node's process, one view at a time.
         *
         * @param members the members now, this node included, oldest first
         * @param left the members of the previous view that are not in this one
         */
        void membersChanged(List<String> members, List<String> left);
    }

    private record Pending(Address to, CompletableFuture<byte[]> reply) {}

    private record ViewChanged(View view) {}

    private record Connected(JChannel channel, Exception failure) {}

    /** Asks the owner process to leave the group and join it again ({@link #rejoin}). */
    private record Rejoin(String why) {}

    /** How long a node may take to join its group (discovery in the database, then GMS). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final StackSettings settings;
    private final Name processName;
    private final AtomicReference<JChannel> channel = new AtomicReference<>();
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    /** Members of the current view by name, oldest first; replaced whole on each view. */
    private volatile Map<String, Address> members = Map.of();
    private volatile InboundHandler inbound;

    /** @param processName the name of the process that owns the channel */
    public ClusterNode(StackSettings settings, Name processName) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.processName = Objects.requireNonNull(processName, "processName");
    }

    /** Sets what handles inbound requests, broadcasts and views: once, before the node starts. */
    public void inbound(InboundHandler handler) {
        this.inbound = Objects.requireNonNull(handler, "handler");
    }

    /** @return the spec of the process that owns the channel: a permanent worker, registered by name */
    public ChildSpec childSpec(Object id) {
        return ChildSpec.worker(id, () -> GenServer.startLink(new Owner(),
                        new GenServer.StartOptions(processName, Duration.ofSeconds(30), null)))
                .withShutdown(Shutdown.timeout(Duration.ofSeconds(10)));
    }

    /**
     * Leaves the JGroups group and joins it again, on a new channel: the owner process stops and
     * its supervisor starts it again (a join, about a second). For a node that the others have
     * declared dead (its lease was lost, e.g. after a pause, and it has rejoined under a new
     * epoch): they dropped it from their view and now drop its messages, while its own view may
     * still count them, so its forwarded calls would wait their whole timeout; MERGE3 would heal
     * that only after its next rounds (10 s measured). Meanwhile a request finds no channel and is
     * refused at once (UNREACHABLE); waiting requests fail LOST. Any thread; nothing happens when
     * the process is not running.
     */
    public void rejoin(String why) {
        processName.whereis().ifPresent(pid -> Proc.send(pid, new Rejoin(why)));
    }

    /** @return this node's name */
    public String name() {
        return settings.node();
    }

    /** @return the settings this node started with */
    public StackSettings settings() {
        return settings;
    }

    /** @return the members of the current view, this node included, oldest (the coordinator) first */
    public List<String> members() {
        return List.copyOf(members.keySet());
    }

    /** @return whether this node is connected to its group now */
    public boolean connected() {
        JChannel ch = channel.get();
        return ch != null && ch.isConnected();
    }

    /**
     * Sends {@code body} to the node {@code node} and waits for its reply. Any thread.
     *
     * @return the reply's body
     * @throws NodeUnavailableException UNREACHABLE if the request was not sent (the node is not a
     *     member, or this node is not connected), LOST if the node left (or this node stopped) before it
     *     answered, TIMEOUT after {@code timeout}, REMOTE if its handler failed, TOO_LARGE if {@code
     *     body} is over {@link #MAX_BODY}
     */
    public byte[] request(String node, byte[] body, Duration timeout) {
        checkSize(body);
        JChannel ch = channel.get();
        Address to = members.get(node);
        if (ch == null || to == null) {
            throw new NodeUnavailableException(node, NodeUnavailableException.Why.UNREACHABLE, "not a member of the cluster");
        }
        long id = ids.incrementAndGet();
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        pending.put(id, new Pending(to, reply));
        try {
            if (!members.containsKey(node)) { // it left between the lookup and the put: no view will fail it
                throw new NodeUnavailableException(node, NodeUnavailableException.Why.UNREACHABLE, "left the cluster");
            }
            ch.send(new BytesMessage(to, frame(REQUEST, id, body)).setFlag(Message.Flag.OOB, Message.Flag.DONT_BUNDLE));
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new NodeUnavailableException(node, NodeUnavailableException.Why.TIMEOUT, "no reply within " + timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NodeUnavailableException n) {
                throw n;
            }
            throw new NodeUnavailableException(node, NodeUnavailableException.Why.LOST, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeUnavailableException(node, NodeUnavailableException.Why.LOST, "interrupted");
        } catch (NodeUnavailableException e) {
            throw e;
        } catch (Exception e) { // the channel refused the send (closed, disconnected)
            throw new NodeUnavailableException(node, NodeUnavailableException.Why.UNREACHABLE, e.toString());
        } finally {
            pending.remove(id);
        }
    }

    /**
     * Sends {@code body} to every other member, without waiting; reliable and in order per sender
     * while the members stay connected. Any thread. Nothing happens while this node is not connected.
     *
     * @throws NodeUnavailableException TOO_LARGE if {@code body} is over {@link #MAX_BODY}
     */
    public void broadcast(byte[] body) {
        checkSize(body);
        JChannel ch = channel.get();
        if (ch == null || members.size() < 2) {
            return;
        }
        try {
            ch.send(new BytesMessage(null, frame(BROADCAST, 0, body)).setFlag(Message.TransientFlag.DONT_LOOPBACK));
        } catch (Exception e) {
            LOG.debug("broadcast not sent: {}", e.toString());
        }
    }

    private static void checkSize(byte[] body) {
        if (body.length > MAX_BODY) {
            throw new NodeUnavailableException("-", NodeUnavailableException.Why.TOO_LARGE,
                    body.length + " bytes is over the limit of " + MAX_BODY);
        }
    }

    private static byte[] frame(byte kind, long id, byte[] body) {
        return ByteBuffer.allocate(HEADER + body.length).put(kind).putLong(id).put(body).array();
    }

    /** The channel's stack: the resource's, with this node's bind address and database. */
    XmlConfigurator stack(int port) throws Exception {
        XmlConfigurator config;
        try (InputStream in = ClusterNode.class.getResourceAsStream(STACK)) {
            if (in == null) {
                throw new IllegalStateException("no " + STACK + " on the class path");
            }
            config = XmlConfigurator.getInstance(in);
        }
        for (ProtocolConfiguration p : config.getProtocolStack()) {
            Map<String, String> props = p.getProperties();
            switch (p.getProtocolName()) {
                case "TCP" -> {
                    props.put("bind_addr", settings.bindHost());
                    props.put("bind_port", Integer.toString(port));
                }
                case "FD_SOCK2" -> props.put("bind_addr", settings.bindHost());
                case "JDBC_PING2" -> {
                    props.put("connection_url", settings.jdbcUrl());
                    if (settings.user() != null) {
                        props.put("connection_username", settings.user());
                    }
                    if (settings.password() != null) {
                        props.put("connection_password", settings.password());
                    }
                }
                default -> { }
            }
        }
        return config;
    }

    /** @return the configured port, or a free one on the bind address (checked by binding it once) */
    static int freePort(String host, int port) throws java.io.IOException {
        if (port != 0) {
            return port;
        }
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    private void received(Message msg) {
        byte[] array = msg.getArray();
        int length = msg.getLength();
        if (array == null || length < HEADER || length - HEADER > MAX_BODY) {
            return; // not ours, or over the limit: dropped
        }
        ByteBuffer in = ByteBuffer.wrap(array, msg.getOffset(), length);
        byte kind = in.get();
        long id = in.getLong();
        byte[] body = new byte[length - HEADER];
        in.get(body);
        Address from = msg.getSrc();
        InboundHandler handler = inbound;
        switch (kind) {
            case REQUEST -> serve(from, id, body, handler);
            case REPLY -> complete(id, from, body, null);
            case FAILED -> complete(id, from, null, new String(body, StandardCharsets.UTF_8));
            case BROADCAST -> {
                if (handler != null) {
                    try {
                        handler.broadcast(nameOf(from), body);
                    } catch (RuntimeException e) {
                        LOG.warn("a broadcast from {} failed here: {}", nameOf(from), e.toString());
                    }
                }
            }
            default -> { } // unknown kind: dropped
        }
    }

    private void complete(long id, Address from, byte[] body, String failure) {
        Pending p = pending.get(id);
        if (p == null || !p.to().equals(from)) {
            return; // late (timed out) or not from the node asked
        }
        if (failure == null) {
            p.reply().complete(body);
        } else {
            p.reply().completeExceptionally(new NodeUnavailableException(nameOf(from),
                    NodeUnavailableException.Why.REMOTE, failure));
        }
    }

    private void serve(Address from, long id, byte[] body, InboundHandler handler) {
        if (handler == null || !inFlight.tryAcquire()) {
            reply(from, FAILED, id, (handler == null ? "not ready" : "busy").getBytes(StandardCharsets.UTF_8));
            return;
        }
        Thread.ofVirtual().name("cluster-request").start(() -> {
            try {
                byte[] out = handler.request(nameOf(from), body);
                if (out.length > MAX_BODY) {
                    reply(from, FAILED, id, "reply too large".getBytes(StandardCharsets.UTF_8));
                } else {
                    reply(from, REPLY, id, out);
                }
            } catch (Exception e) {
                String why = String.valueOf(e.getMessage());
                reply(from, FAILED, id, (why.length() > 300 ? why.substring(0, 300) : why).getBytes(StandardCharsets.UTF_8));
            } finally {
                inFlight.release();
            }
        });
    }

    /**
     * Chaos hook ({@code POST /api/nodes/cut-off}): with {@code on}, a JGroups {@code DISCARD}
     * above the transport drops every message this node sends or receives, so the others see it
     * leave their view (after FD_ALL3's timeout) and it sees them leave; its PostgreSQL lease and
     * its players' sockets stay. Without {@code on}, that protocol is removed and MERGE3 heals the
     * views. Idempotent; any thread. @return whether the channel was there to change
     */
    public boolean cutOff(boolean on) {
        JChannel ch = channel.get();
        if (ch == null) {
            return false;
        }
        synchronized (this) {
            org.jgroups.stack.ProtocolStack stack = ch.getProtocolStack();
            org.jgroups.protocols.DISCARD discard = stack.findProtocol(org.jgroups.protocols.DISCARD.class);
            try {
                if (on && discard == null) {
                    stack.insertProtocol(new org.jgroups.protocols.DISCARD().discardAll(true),
                            org.jgroups.stack.ProtocolStack.Position.ABOVE, org.jgroups.protocols.TP.class);
                } else if (!on && discard != null) {
                    stack.removeProtocol(org.jgroups.protocols.DISCARD.class);
                }
            } catch (Exception e) {
                throw new IllegalStateException("cut-off " + on + ": " + e, e);
            }
        }
        LOG.warn("cluster: chaos hook: this node is {} the others", on ? "cut off from" : "connected again to");
        return true;
    }

    private void reply(Address to, byte kind, long id, byte[] body) {
        JChannel ch = channel.get();
        if (ch == null) {
            return;
        }
        try {
            ch.send(new BytesMessage(to, frame(kind, id, body)).setFlag(Message.Flag.OOB, Message.Flag.DONT_BUNDLE));
        } catch (Exception e) {
            LOG.debug("reply to {} not sent: {}", to, e.toString());
        }
    }

    /** Fails every request waiting for a reply: the channel they were sent on is going away. */
    private void failPending(String why) {
        pending.values().forEach(p -> p.reply().completeExceptionally(new NodeUnavailableException(
                nameOf(p.to()), NodeUnavailableException.Why.LOST, why)));
    }

    private static String nameOf(Address address) {
        String name = address == null ? null : NameCache.get(address);
        return name != null ? name : String.valueOf(address);
    }

    /** The process that owns the channel. State: the channel. */
    private final class Owner implements GenServer<JChannel> {
        @Override
        public InitResult<JChannel> init() throws Exception {
            Proc.trapExit(true);
            JChannel orphan = channel.getAndSet(null);
            if (orphan != null) { // left by a killed predecessor, whose terminate did not run
                members = Map.of();
                failPending("the cluster node restarted");
                orphan.close();
            }
            // Joining blocks for a second or more (discovery in the database, GMS): it runs on a
            // thread of its own while this process waits in a receive (a safe point).
            Pid self = Proc.self();
            Thread.ofVirtual().name("cluster-connect").start(() -> Proc.send(self, connect(self)));
            Object joined = Proc.receive(m -> m instanceof Connected, CONNECT_TIMEOUT)
                    .orElseThrow(() -> new IllegalStateException("no cluster joined within " + CONNECT_TIMEOUT));
            Connected j = (Connected) joined;
            if (j.failure() != null) {
                throw j.failure();
            }
            channel.set(j.channel());
            LOG.info("cluster node {} joined {} on {}", settings.node(), settings.cluster(), j.channel().getAddress());
            return InitResult.ok(j.channel());
        }

        /** Creates and connects the channel; closes it again if the process is gone meanwhile. */
        private Connected connect(Pid self) {
            JChannel ch = null;
            try {
                ch = new JChannel(stack(freePort(settings.bindHost(), settings.bindPort())));
                ch.name(settings.node());
                ch.setDiscardOwnMessages(true);
                ch.setReceiver(new Receiver() {
                    @Override
                    public void receive(Message msg) {
                        received(msg);
                    }

                    @Override
                    public void viewAccepted(View view) {
                        Proc.send(self, new ViewChanged(view));
                    }
                });
                ch.connect(settings.cluster());
                if (!Proc.isAlive(self)) {
                    ch.close();
                }
                return new Connected(ch, null);
            } catch (Exception e) {
                if (ch != null) {
                    ch.close();
                }
                return new Connected(null, e);
            }
        }

        @Override
        public Result<JChannel> handleInfo(Object message, JChannel ch) {
            if (message instanceof Rejoin(String why)) {
                LOG.info("cluster node {} leaves the group to join it again: {}", settings.node(), why);
                return Result.stop(ExitReason.shutdown("rejoin"), ch); // permanent: its supervisor starts it again
            }
            if (message instanceof ViewChanged(View view) && ch.isConnected()) {
                Map<String, Address> before = members;
                Map<String, Address> now = new LinkedHashMap<>();
                for (Address a : view.getMembers()) {
                    now.put(nameOf(a), a);
                }
                members = java.util.Collections.unmodifiableMap(now);
                Set<Address> present = new HashSet<>(view.getMembers());
                List<String> left = new ArrayList<>();
                before.forEach((name, address) -> {
                    if (!present.contains(address)) {
                        left.add(name);
                    }
                });
                pending.values().removeIf(p -> {
                    if (!present.contains(p.to())) {
                        p.reply().completeExceptionally(new NodeUnavailableException(nameOf(p.to()),
                                NodeUnavailableException.Why.LOST, "left the cluster before it answered"));
                        return true;
                    }
                    return false;
                });
                LOG.info("cluster view {}: {} (left: {})", view.getViewId().getId(), now.keySet(), left);
                InboundHandler handler = inbound;
                if (handler != null) {
                    try {
                        handler.membersChanged(List.copyOf(now.keySet()), List.copyOf(left));
                    } catch (RuntimeException e) {
                        LOG.warn("a view's handling failed: {}", e.toString());
                    }
                }
            }
            return Result.noReply(ch);
        }

        @Override
        public void terminate(ExitReason reason, JChannel ch) {
            channel.compareAndSet(ch, null);
            members = Map.of();
            failPending("this node left the cluster");
            ch.close();
            LOG.info("cluster node {} left {}", settings.node(), settings.cluster());
        }
    }
}
