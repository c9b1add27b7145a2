package dev.inkan.harness;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The HTTP-01 key authorizations (by token) and redirects (by path) the responder serves. Thread-safe. */
final class Http01Responses {
    private final Map<String, String> byToken = new HashMap<>();
    private final Map<String, String> redirects = new HashMap<>();

    synchronized void add(String token, String content) {
        byToken.put(token, content);
    }

    synchronized void delete(String token) {
        byToken.remove(token);
    }

    synchronized Optional<String> content(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    synchronized void addRedirect(String path, String targetUrl) {
        redirects.put(path, targetUrl);
    }

    synchronized void deleteRedirect(String path) {
        redirects.remove(path);
    }

    synchronized Optional<String> redirect(String path) {
        return Optional.ofNullable(redirects.get(path));
    }
}
