package dev.inkan.harness;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A management API body read the way challtestsrv reads it with Go's encoding/json: keys match case-insensitively
 * ({@code "targetURL"}, {@code "targeturl"}), a missing string is "", a missing list is empty, an empty body is an error.
 */
final class ManagementRequest {
    private final JsonObject body;

    private ManagementRequest(JsonObject body) {
        this.body = body;
    }

    static ManagementRequest parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("expected JSON POST body, was empty");
        }
        try {
            return new ManagementRequest(new JsonObject(text));
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("body is not a JSON object: " + e.getMessage(), e);
        }
    }

    String string(String key) {
        Object v = field(body, key);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a string");
        }
        return s;
    }

    /** The non-empty string at key, or the 400 challtestsrv gives for an empty one. */
    String required(String key) {
        String s = string(key);
        if (s.isEmpty()) {
            throw new IllegalArgumentException(key + " parameter must not be empty");
        }
        return s;
    }

    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (Object o : array(key)) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException("\"" + key + "\" must be a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    List<CaaPolicy> caaPolicies(String key) {
        List<CaaPolicy> out = new ArrayList<>();
        for (Object o : array(key)) {
            if (!(o instanceof JsonObject p)) {
                throw new IllegalArgumentException("\"" + key + "\" must be a list of {\"tag\", \"value\"} objects");
            }
            Object flags = field(p, "flags");
            out.add(new CaaPolicy(flags instanceof Number n ? n.intValue() : 0,
                    stringOf(field(p, "tag")), stringOf(field(p, "value"))));
        }
        return out;
    }

    private JsonArray array(String key) {
        Object v = field(body, key);
        if (v == null) {
            return new JsonArray();
        }
        if (!(v instanceof JsonArray a)) {
            throw new IllegalArgumentException("\"" + key + "\" must be a list");
        }
        return a;
    }

    private static Object field(JsonObject o, String key) {
        if (o.containsKey(key)) {
            return o.getValue(key);
        }
        for (String k : o.fieldNames()) {
            if (k.equalsIgnoreCase(key)) {
                return o.getValue(k);
            }
        }
        return null;
    }

    private static String stringOf(Object v) {
        return v == null ? "" : v.toString();
    }
}
