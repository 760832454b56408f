package io.islands.server.phoenix;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser pages may open a WebSocket here, by their {@code Origin} header (checked on the
 * upgrade, before any socket process exists). A request without {@code Origin} (a non-browser
 * client: browsers always send it on a WebSocket upgrade) is allowed.
 *
 * <ul>
 *   <li>Default (no list given): the page's host is the request's own {@code Host} (the page was
 *       served by this server) or a loopback name ({@code localhost}, {@code 127.0.0.1},
 *       {@code [::1]}), any scheme and port.</li>
 *   <li>A list replaces the default: each entry is a full origin ({@code https://islands.example},
 *       scheme, host and port compared) or a bare host ({@code islands.example}, any scheme and
 *       port); {@code *} allows every origin.</li>
 * </ul>
 * Immutable; any thread.
 */
final class OriginPolicy {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final List<String> allowed;

    /** @param allowed entries as above, compared case-insensitively; empty: the default */
    OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(String::trim).filter(e -> !e.isEmpty())
                .map(e -> e.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * @param origin the request's {@code Origin}, null when absent
     * @param host   the request's {@code Host}, null when absent
     * @return whether the upgrade may go on
     */
    boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (allowed.contains("*")) {
            return true;
        }
        URI uri;
        try {
            uri = new URI(origin.trim().toLowerCase(Locale.ROOT));
        } catch (Exception e) {
            return false;
        }
        String originHost = uri.getHost();
        if (uri.getScheme() == null || originHost == null) {
            return false; // "null" (a sandboxed page, a file) and anything that is not an origin
        }
        if (allowed.isEmpty()) {
            return LOOPBACK.contains(originHost) || originHost.equals(hostOnly(host));
        }
        String full = uri.getScheme() + "://" + uri.getRawAuthority();
        return allowed.contains(full) || allowed.contains(originHost);
    }

    /** @return the host of a {@code Host} header ({@code name[:port]}, {@code [v6][:port]}), lower case */
    private static String hostOnly(String host) {
        if (host == null) {
            return null;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
