package dev.inkan.validators.perspective;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.CaaResult;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.CaaChecker.CaaRequest;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import dev.inkan.core.port.ValidationAuthority.ValidationRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The JSON the primary and the remote perspectives exchange, field for field with the core records. */
final class PerspectiveWire {
    static final String VALIDATE = "/validate";
    static final String CAA = "/caa";

    private PerspectiveWire() {}

    static JsonObject of(ValidationRequest r) {
        return new JsonObject().put("identifier", of(r.identifier())).put("challengeType", r.challengeType())
                .put("token", r.token()).put("keyAuthorization", r.keyAuthorization()).put("accountUrl", r.accountUrl());
    }

    static ValidationRequest validationRequest(JsonObject j) {
        return new ValidationRequest(identifier(j.getJsonObject("identifier")), j.getString("challengeType"),
                j.getString("token"), j.getString("keyAuthorization"), j.getString("accountUrl"));
    }

    static JsonObject of(ValidationOutcome o) {
        return new JsonObject().put("valid", o.valid()).put("error", of(o.error()))
                .put("records", new JsonArray(o.records().stream().map(PerspectiveWire::of).toList()));
    }

    static ValidationOutcome validationOutcome(JsonObject j) {
        List<ValidationRecord> records = j.getJsonArray("records", new JsonArray()).stream()
                .map(o -> record((JsonObject) o)).toList();
        return new ValidationOutcome(j.getBoolean("valid", false), problem(j.getJsonObject("error")), records);
    }

    static JsonObject of(CaaRequest r) {
        return new JsonObject().put("name", r.name()).put("wildcard", r.wildcard()).put("accountUri", r.accountUri())
                .put("validationMethod", r.validationMethod());
    }

    static CaaRequest caaRequest(JsonObject j) {
        return new CaaRequest(j.getString("name"), j.getBoolean("wildcard", false), j.getString("accountUri"),
                j.getString("validationMethod"));
    }

    static JsonObject of(CaaResult r) {
        return new JsonObject().put("name", r.name()).put("wildcard", r.wildcard()).put("permitted", r.permitted())
                .put("problem", of(r.problem())).put("relevantName", r.relevantName())
                .put("records", new JsonArray(r.records())).put("queried", new JsonArray(r.queried()))
                .put("ttlSeconds", r.ttl().getSeconds()).put("dnssec", r.dnssec()).put("perspective", r.perspective())
                .put("checkedAt", r.checkedAt().toString());
    }

    static CaaResult caaResult(JsonObject j) {
        return new CaaResult(j.getString("name"), j.getBoolean("wildcard", false), j.getBoolean("permitted", false),
                problem(j.getJsonObject("problem")), j.getString("relevantName"), strings(j.getJsonArray("records")),
                strings(j.getJsonArray("queried")), Duration.ofSeconds(j.getLong("ttlSeconds", 0L)),
                j.getString("dnssec"), j.getString("perspective"), Instant.parse(j.getString("checkedAt")));
    }

    private static JsonObject of(ValidationRecord r) {
        return new JsonObject().put("method", r.method()).put("brSection", r.brSection()).put("hostname", r.hostname())
                .put("url", r.url()).put("addressesResolved", new JsonArray(r.addressesResolved()))
                .put("addressUsed", r.addressUsed()).put("valueSeen", r.valueSeen())
                .put("perspective", r.perspective()).put("dnssec", r.dnssec())
                .put("checkedAt", r.checkedAt() == null ? null : r.checkedAt().toString());
    }

    private static ValidationRecord record(JsonObject j) {
        String at = j.getString("checkedAt");
        return new ValidationRecord(j.getString("method"), j.getString("brSection"), j.getString("hostname"),
                j.getString("url"), strings(j.getJsonArray("addressesResolved")), j.getString("addressUsed"),
                j.getString("valueSeen"), j.getString("perspective"), at == null ? null : Instant.parse(at),
                j.getString("dnssec"));
    }

    private static JsonObject of(Problem p) {
        return p == null ? null : new JsonObject().put("kind", p.kind().name()).put("detail", p.detail())
                .put("identifier", of(p.identifier()));
    }

    private static Problem problem(JsonObject j) {
        if (j == null) {
            return null;
        }
        ErrorKind kind;
        try {
            kind = ErrorKind.valueOf(j.getString("kind"));
        } catch (IllegalArgumentException | NullPointerException e) {
            kind = ErrorKind.SERVER_INTERNAL;
        }
        return new Problem(kind, j.getString("detail", ""), identifier(j.getJsonObject("identifier")), List.of());
    }

    private static JsonObject of(Identifier i) {
        return i == null ? null : new JsonObject().put("type", i.type()).put("value", i.value());
    }

    private static Identifier identifier(JsonObject j) {
        return j == null ? null : new Identifier(j.getString("type"), j.getString("value"));
    }

    private static List<String> strings(JsonArray a) {
        return a == null ? List.of() : a.stream().map(String::valueOf).toList();
    }
}
