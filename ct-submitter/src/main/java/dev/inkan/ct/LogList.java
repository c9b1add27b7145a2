package dev.inkan.ct;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chrome's CT log list, version 3 (www.gstatic.com/ct/log_list/v3/log_list.json): operators, each with RFC 6962
 * {@code logs} and static-ct-api {@code tiled_logs}; each log with its key, log_id, URL, state and temporal
 * interval.
 */
public record LogList(List<CtLog> logs) {
    private static final Logger LOG = LoggerFactory.getLogger(LogList.class);

    public LogList {
        logs = List.copyOf(logs);
    }

    public Optional<CtLog> byId(byte[] logId) {
        return logs.stream().filter(l -> Arrays.equals(l.logId(), logId)).findFirst();
    }

    /** Parses the JSON; anything malformed is an IllegalArgumentException naming the log. */
    public static LogList parse(JsonObject json) {
        JsonArray operators = json.getJsonArray("operators");
        if (operators == null) {
            throw new IllegalArgumentException("the log list has no \"operators\"");
        }
        List<CtLog> logs = new ArrayList<>();
        for (Object o : operators) {
            JsonObject op = (JsonObject) o;
            String operator = op.getString("name");
            for (Object l : op.getJsonArray("logs", new JsonArray())) {
                known(operator, (JsonObject) l).ifPresent(log -> logs.add(log(operator, log, false)));
            }
            for (Object l : op.getJsonArray("tiled_logs", new JsonArray())) {
                known(operator, (JsonObject) l).ifPresent(log -> logs.add(log(operator, log, true)));
            }
        }
        return new LogList(logs);
    }

    private static CtLog log(String operator, JsonObject l, boolean tiled) {
        String description = l.getString("description", "");
        try {
            byte[] keyDer = Base64.getDecoder().decode(l.getString("key"));
            byte[] logId = Base64.getDecoder().decode(l.getString("log_id"));
            // RFC 6962 §3.2: the log ID is the SHA-256 of the key; a list that disagrees is corrupt
            if (!Arrays.equals(MessageDigest.getInstance("SHA-256").digest(keyDer), logId)) {
                throw new IllegalArgumentException("log_id is not the SHA-256 of the key");
            }
            String url = tiled ? l.getString("submission_url") : l.getString("url");
            JsonObject interval = l.getJsonObject("temporal_interval");
            return new CtLog(description, operator, logId, publicKey(keyDer), url, state(l),
                    interval == null ? null : Instant.parse(interval.getString("start_inclusive")),
                    interval == null ? null : Instant.parse(interval.getString("end_exclusive")), tiled);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("log \"" + description + "\" of " + operator + " is malformed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A log in a state this version does not know (the list format gains states over time) is skipped with a
     * warning: it cannot take our submissions, and refusing the whole list would stop issuance for one entry.
     */
    private static Optional<JsonObject> known(String operator, JsonObject l) {
        JsonObject state = l.getJsonObject("state");
        if (state != null && !state.isEmpty()) {
            String name = state.fieldNames().iterator().next();
            try {
                LogState.fromWire(name);
            } catch (IllegalArgumentException e) {
                LOG.warn("CT log \"{}\" of {} is in the unknown state \"{}\"; skipped", l.getString("description", ""),
                        operator, name);
                return Optional.empty();
            }
        }
        return Optional.of(l);
    }

    private static LogState state(JsonObject l) {
        JsonObject state = l.getJsonObject("state");
        if (state == null || state.isEmpty()) {
            return LogState.PENDING;
        }
        return LogState.fromWire(state.fieldNames().iterator().next());
    }

    /** RFC 6962 §2.1.4: log keys are ECDSA (NIST P-256) or RSA. */
    static PublicKey publicKey(byte[] spkiDer) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(spkiDer);
        try {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        } catch (GeneralSecurityException e) {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        }
    }
}
