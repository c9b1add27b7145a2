package dev.inkan.app;

import io.vertx.ext.web.RoutingContext;

/** The two pages the directory's meta points at when the operator configures none. */
final class SandboxPages {
    private SandboxPages() {}

    static void terms(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("""
                Inkan sandbox: terms of use

                This certificate authority is a sandbox. Its certificates chain to a root that no browser or
                operating system trusts, they prove nothing about anyone, and they may disappear at any time.
                Use them for testing ACME clients only.
                """);
    }

    static void home(RoutingContext ctx) {
        String base = ctx.request().scheme() + "://" + ctx.request().authority();
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(
                "Inkan ACME server. Directory: " + base + "/directory\n");
    }
}
