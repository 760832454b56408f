package io.islands.server.cluster;

/** Another node could not answer a request: see {@link ClusterNode#request}. */
public final class NodeUnavailableException extends RuntimeException {
    /** Why. */
    public enum Why {
        /** The request was not sent: the node is not a member of the cluster (or this node is not connected). */
        UNREACHABLE,
        /** No reply in time: the outcome is unknown. */
        TIMEOUT,
        /** The node left (or this node stopped) after the request was sent: the outcome is unknown. */
        LOST,
        /** The node's handler failed on the request. */
        REMOTE,
        /** The message is over {@link ClusterNode#MAX_BODY}. */
        TOO_LARGE
    }

    private final String node;
    private final Why why;

    public NodeUnavailableException(String node, Why why, String message) {
        super("node " + node + ": " + message);
        this.node = node;
        this.why = why;
    }

    /** @return the node asked */
    public String node() {
        return node;
    }

    public Why why() {
        return why;
    }
}
