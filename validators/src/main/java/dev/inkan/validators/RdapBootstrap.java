package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * IANA's RDAP bootstrap file for domain names (RFC 9224), kept in memory and on disk with the time it was fetched, and
 * fetched again once it is older than the configured age (at most 48 hours, BR 3.2.2.4 / SC-080).
 */
final class RdapBootstrap {
    private final Vertx vertx;
    private final RegistrantConfig config;
    private final RdapFetch fetch;
    private final Clock clock;
    private volatile Snapshot current;

    /** @param fetchedAt when IANA's file was fetched (not when it was read from disk) */
    record Snapshot(Instant fetchedAt, JsonObject file) {}

    RdapBootstrap(Vertx vertx, RegistrantConfig config, RdapFetch fetch, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.fetch = fetch;
        this.clock = clock;
    }

    /** The RDAP base URL for a domain: the longest matching label set wins, an https URL before an http one. */
    Future<Optional<String>> baseUrl(String domain) {
        return snapshot().map(s -> lookup(s.file(), domain));
    }

    /** The snapshot in use, fetched again when older than allowed. */
    Future<Snapshot> snapshot() {
        Snapshot s = current;
        if (fresh(s)) {
            return Future.succeededFuture(s);
        }
        return vertx.executeBlocking(this::readCache, false).compose(cached -> {
            if (fresh(cached)) {
                current = cached;
                return Future.succeededFuture(cached);
            }
            return refresh();
        });
    }

    private Future<Snapshot> refresh() {
        Instant at = clock.instant();
        return fetch.json(config.rdapBootstrapUrl()).compose(file -> {
            if (!(file.getValue("services") instanceof JsonArray)) {
                return Future.failedFuture(new CaException(ErrorKind.SERVER_INTERNAL,
                        "the RDAP bootstrap file at " + config.rdapBootstrapUrl() + " has no services"));
            }
            Snapshot s = new Snapshot(at, file);
            return vertx.executeBlocking(() -> {
                writeCache(s);
                return s;
            }, false);
        }).map(s -> {
            current = s;
            return s;
        });
    }

    private boolean fresh(Snapshot s) {
        return s != null && clock.instant().isBefore(s.fetchedAt().plus(config.maxAge()));
    }

    private Snapshot readCache() throws Exception {
        if (!Files.isRegularFile(config.bootstrapCache())) {
            return null;
        }
        JsonObject saved = new JsonObject(Files.readString(config.bootstrapCache(), StandardCharsets.UTF_8));
        if (!config.rdapBootstrapUrl().equals(saved.getString("url"))) {
            return null;
        }
        return new Snapshot(Instant.parse(saved.getString("fetchedAt")), saved.getJsonObject("file"));
    }

    private void writeCache(Snapshot s) throws Exception {
        Files.createDirectories(config.bootstrapCache().toAbsolutePath().getParent());
        JsonObject saved = new JsonObject().put("url", config.rdapBootstrapUrl())
                .put("fetchedAt", s.fetchedAt().toString()).put("file", s.file());
        java.nio.file.Path tmp = config.bootstrapCache().resolveSibling(config.bootstrapCache().getFileName() + ".tmp");
        Files.writeString(tmp, saved.encode(), StandardCharsets.UTF_8);
        Files.move(tmp, config.bootstrapCache(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Optional<String> lookup(JsonObject file, String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        String best = null;
        int bestLength = -1;
        for (Object service : file.getJsonArray("services", new JsonArray())) {
            if (!(service instanceof JsonArray entry) || entry.size() < 2) {
                continue;
            }
            for (Object label : entry.getJsonArray(0)) {
                String l = String.valueOf(label).toLowerCase(Locale.ROOT);
                if ((d.equals(l) || d.endsWith("." + l)) && l.length() > bestLength) {
                    String url = preferred(entry.getJsonArray(1));
                    if (url != null) {
                        best = url;
                        bestLength = l.length();
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static String preferred(JsonArray urls) {
        String http = null;
        for (Object u : urls) {
            String url = String.valueOf(u);
            if (url.startsWith("https://")) {
                return url;
            }
            if (url.startsWith("http://") && http == null) {
                http = url;
            }
        }
        return http;
    }
}
