package dev.inkan.acme.wire;

import dev.inkan.acme.problem.Problems;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of request payload members: a member of the wrong JSON type is malformed, never a 500. */
public final class JsonFields {
    private JsonFields() {}

    /** The string member, or null when absent. */
    public static String optionalString(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw Problems.malformed("\"" + name + "\" must be a string");
    }

    public static String requiredString(JsonObject json, String name) {
        String value = optionalString(json, name);
        if (value == null) {
            throw Problems.malformed("\"" + name + "\" is required");
        }
        return value;
    }

    public static boolean optionalBoolean(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw Problems.malformed("\"" + name + "\" must be true or false");
    }

    /** The object member, or null when absent. */
    public static JsonObject optionalObject(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (value == null || value instanceof JsonObject) {
            return (JsonObject) value;
        }
        throw Problems.malformed("\"" + name + "\" must be a JSON object");
    }

    public static JsonObject requiredObject(JsonObject json, String name) {
        JsonObject value = optionalObject(json, name);
        if (value == null) {
            throw Problems.malformed("\"" + name + "\" is required");
        }
        return value;
    }

    /** An array of strings, or null when absent. */
    public static List<String> optionalStrings(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            throw Problems.malformed("\"" + name + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>(array.size());
        for (Object item : array) {
            if (!(item instanceof String s)) {
                throw Problems.malformed("\"" + name + "\" must be an array of strings");
            }
            out.add(s);
        }
        return out;
    }

    /** The integer member, or null when absent. */
    public static Integer optionalInteger(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long l = ((Number) value).longValue();
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) l;
            }
        }
        throw Problems.malformed("\"" + name + "\" must be an integer");
    }
}
