package dev.inkan.vetting.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The pages one listener serves. A path it does not serve is answered 404 whatever the method, before any sign-in
 * or CSRF handling, so the portal does not reveal the console's paths; 405 (with {@code Allow}) only for a path this
 * listener serves with another method (RFC 9110 §15.5.6). Vert.x alone answers 405 for any path once a route
 * without a path (the POST body and CSRF handlers) matches the method.
 */
final class ServedRoutes {
    private record Served(Pattern path, Set<HttpMethod> methods) {}

    private volatile List<Served> served = List.of();

    /** Takes the router's endpoints (exact paths with methods) and ends it with the 404/405 answer. */
    void seal(Router router) {
        List<Served> list = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() != null && route.isExactPath() && route.methods() != null && !route.methods().isEmpty()) {
                list.add(new Served(template(route.getPath()), Set.copyOf(route.methods())));
            }
        }
        served = List.copyOf(list);
        router.route().handler(this::unserved);
    }

    /**
     * The first handler: a path no route serves ends here with 404, a served path asked with another method with 405,
     * before sign-in, sessions or CSRF come into it.
     */
    void onlyServed(RoutingContext ctx) {
        Set<String> allowed = allowed(ctx.normalizedPath());
        if (allowed.isEmpty()) {
            ctx.fail(404);
        } else if (!allowed.contains(ctx.request().method().name())) {
            ctx.response().putHeader("Allow", String.join(", ", allowed));
            ctx.fail(405);
        } else {
            ctx.next();
        }
    }

    /** The last handler: a served path and method that no handler answered. */
    private void unserved(RoutingContext ctx) {
        ctx.fail(404);
    }

    private Set<String> allowed(String path) {
        Set<String> methods = new TreeSet<>();
        for (Served s : served) {
            if (s.path().matcher(path).matches()) {
                s.methods().forEach(m -> methods.add(m.name()));
            }
        }
        return methods;
    }

    /** {@code /cases/:id/export} as a pattern: a parameter is one path segment. */
    static Pattern template(String path) {
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            parts.add(segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment));
        }
        return Pattern.compile(String.join("/", parts));
    }
}
