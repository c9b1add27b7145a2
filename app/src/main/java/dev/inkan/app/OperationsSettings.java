package dev.inkan.app;

import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;

/**
 * How operators watch this process.
 *
 * @param listen    a second listener for {@code /metrics} and {@code /health/*} only, on any address (a scraper or a
 *                  load balancer on another host); null: those routes are on the loopback admin listener alone
 * @param jsonLogs  request log lines as JSON objects instead of key=value text
 * @param name      this process's name in request log lines (several front ends share one log pipeline)
 * @param role      what this process runs: {@code all}, {@code frontend}, {@code signer}, {@code perspective} or
 *                  {@code store} (docs/operating.md); {@code serve --role} overrides it
 * @param peerUrl   where the other front ends reach this one's {@code listen} to redeem its nonces; null: made from
 *                  {@code listen} (its host name when it listens on every address)
 */
record OperationsSettings(Settings.Listener listen, boolean jsonLogs, String name, String role, String peerUrl) {

    static OperationsSettings from(JsonObject o) {
        JsonObject c = o == null ? new JsonObject() : o;
        String listen = c.getString("listen", "").trim();
        String format = c.getString("logFormat", "text").trim();
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("operations.logFormat must be text or json, not " + format);
        }
        String name = c.getString("name", "").trim();
        String peerUrl = c.getString("peerUrl", "").trim().replaceAll("/+$", "");
        if (!peerUrl.isEmpty() && !peerUrl.matches("https?://[^/]+")) {
            throw new IllegalArgumentException("operations.peerUrl must be http://host:port, not " + peerUrl);
        }
        return new OperationsSettings(listen.isEmpty() ? null : Settings.Listener.parse("operations.listen", listen),
                format.equals("json"), name.isEmpty() ? ManagementFactory.getRuntimeMXBean().getName() : name,
                Role.parse(c.getString("role", "all")).wire(), peerUrl.isEmpty() ? null : peerUrl);
    }

    OperationsSettings withRole(Role r) {
        return new OperationsSettings(listen, jsonLogs, name, r.wire(), peerUrl);
    }
}
