package dev.inkan.app;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the configuration in three layers: the built-in sandbox defaults, then one JSON file (the
 * {@code INKAN_CONFIG} variable, else {@code $INKAN_HOME/inkan.json} when present), then environment
 * variables {@code INKAN_<SECTION>_<KEY>} (e.g. {@code INKAN_HSM_PIN}, {@code INKAN_ACME_LISTEN}). Keys
 * match case-insensitively with underscores ignored, so {@code INKAN_VALIDATION_HTTP01_PORT} sets
 * {@code validation.http01Port}.
 */
final class ConfigLoader {
    private static final String PREFIX = "INKAN_";

    private ConfigLoader() {}

    static JsonObject load(Map<String, String> env) {
        JsonObject config = defaults();
        Path home = home(env);
        Path file = env.containsKey("INKAN_CONFIG") ? Path.of(env.get("INKAN_CONFIG")) : home.resolve("inkan.json");
        if (env.containsKey("INKAN_CONFIG") || Files.isRegularFile(file)) {
            merge(config, readFile(file));
        }
        applyEnvironment(config, env);
        config.put("home", home.toString());
        return config;
    }

    static Path home(Map<String, String> env) {
        return Path.of(env.getOrDefault("INKAN_HOME", "var")).toAbsolutePath().normalize();
    }

    static JsonObject defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/inkan-defaults.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject readFile(Path file) {
        try {
            return new JsonObject(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("configuration file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Deep merge: objects merge key by key, anything else replaces. */
    static void merge(JsonObject into, JsonObject from) {
        for (String key : from.fieldNames()) {
            Object value = from.getValue(key);
            if (value instanceof JsonObject obj && into.getValue(key) instanceof JsonObject existing) {
                merge(existing, obj);
            } else {
                into.put(key, value);
            }
        }
    }

    static void applyEnvironment(JsonObject config, Map<String, String> env) {
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(PREFIX) || name.equals("INKAN_HOME") || name.equals("INKAN_CONFIG")
                    || name.equals("INKAN_JAVA_OPTS") || name.startsWith("INKAN_TEST_")) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            if (rest.equals("PROFILE")) {
                config.put("profile", e.getValue().trim());
                continue;
            }
            int cut = rest.indexOf('_');
            if (cut < 0) {
                continue;
            }
            String section = findKey(config, rest.substring(0, cut));
            if (section == null || !(config.getValue(section) instanceof JsonObject obj)) {
                throw new IllegalArgumentException("environment variable " + name + " names no configuration section");
            }
            String key = findKey(obj, rest.substring(cut + 1));
            if (key == null) {
                throw new IllegalArgumentException("environment variable " + name + " names no key of section " + section);
            }
            obj.put(key, parseValue(e.getValue(), obj.getValue(key)));
        }
    }

    private static String findKey(JsonObject obj, String envPart) {
        String wanted = normalize(envPart);
        for (String k : obj.fieldNames()) {
            if (normalize(k).equals(wanted)) {
                return k;
            }
        }
        return null;
    }

    private static String normalize(String s) {
        return s.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static Object parseValue(String raw, Object current) {
        if (current instanceof Number) {
            return Long.parseLong(raw.trim());
        }
        if (current instanceof Boolean) {
            return Boolean.parseBoolean(raw.trim());
        }
        if (current instanceof JsonArray) {
            String t = raw.trim();
            return t.startsWith("[") ? new JsonArray(t) : new JsonArray(java.util.Arrays.asList((Object[]) t.split(",")));
        }
        if (current instanceof JsonObject) {
            return new JsonObject(raw);
        }
        return raw;
    }
}
