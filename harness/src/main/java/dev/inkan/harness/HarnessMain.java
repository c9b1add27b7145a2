package dev.inkan.harness;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the harness on its own, with pebble-challtestsrv's flags (Go syntax: {@code -flag value} or
 * {@code -flag=value}, one or two dashes) and our safer defaults: everything on 127.0.0.1, no HTTP-01 responder,
 * no default AAAA.
 *
 * <pre>
 *   -dns01 127.0.0.1:8053  -management 127.0.0.1:8055  -http01 ""  -defaultIPv4 127.0.0.1  -defaultIPv6 ""
 * </pre>
 * {@code -tlsalpn01 127.0.0.1:5001} starts the TLS-ALPN-01 responder (off by default); {@code -https01} is accepted
 * for compatibility and must be empty: that responder does not exist yet.
 */
public final class HarnessMain {
    private static final Set<String> FLAGS =
            Set.of("dns01", "management", "http01", "https01", "tlsalpn01", "defaultIPv4", "defaultIPv6");

    private HarnessMain() {}

    public static void main(String[] args) throws Exception {
        HarnessConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("inkan harness: " + e.getMessage());
            System.err.println("usage: -dns01 host:port -management host:port -http01 host:port -tlsalpn01 host:port"
                    + " -defaultIPv4 ip -defaultIPv6 ip   (\"\" turns a listener or default off)");
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx();
        Harness harness = Harness.start(vertx, config, Clock.systemUTC())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        HarnessConfig.Bind tlsAlpn01 = tlsAlpn01(args);
        if (tlsAlpn01 != null) {
            harness.listenTlsAlpn01(tlsAlpn01.host(), tlsAlpn01.port())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        System.out.printf("inkan harness: DNS %s, management %s, HTTP-01 %s, TLS-ALPN-01 %s, default A %s,"
                        + " default AAAA %s%n",
                harness.dnsAddress() == null ? "off" : harness.dnsAddress(),
                harness.managementPort() < 0 ? "off" : config.management().host() + ":" + harness.managementPort(),
                harness.http01Port() < 0 ? "off" : config.http01().host() + ":" + harness.http01Port(),
                harness.tlsAlpn01Port() < 0 ? "off" : tlsAlpn01.host() + ":" + harness.tlsAlpn01Port(),
                config.defaultIPv4().isEmpty() ? "none" : config.defaultIPv4(),
                config.defaultIPv6().isEmpty() ? "none" : config.defaultIPv6());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                harness.stop().compose(v -> vertx.close())
                        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("inkan harness: shutdown: " + e);
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    /** The -tlsalpn01 listen address, or null when off. */
    static HarnessConfig.Bind tlsAlpn01(String[] args) {
        return HarnessConfig.Bind.parse(flags(args).getOrDefault("tlsalpn01", ""));
    }

    static HarnessConfig parse(String[] args) {
        Map<String, String> values = flags(args);
        if (!values.getOrDefault("https01", "").isBlank()) {
            throw new IllegalArgumentException("-https01 is not supported yet; pass \"\"");
        }
        HarnessConfig.Bind.parse(values.getOrDefault("tlsalpn01", ""));
        HarnessConfig d = HarnessConfig.defaults();
        return new HarnessConfig(
                values.containsKey("dns01") ? HarnessConfig.Bind.parse(values.get("dns01")) : d.dns(),
                values.containsKey("management") ? HarnessConfig.Bind.parse(values.get("management")) : d.management(),
                HarnessConfig.Bind.parse(values.getOrDefault("http01", "")),
                values.getOrDefault("defaultIPv4", d.defaultIPv4()),
                values.getOrDefault("defaultIPv6", d.defaultIPv6()));
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                throw new IllegalArgumentException("unexpected argument: " + arg);
            }
            String flag = arg.replaceFirst("^--?", "");
            String value;
            int eq = flag.indexOf('=');
            if (eq >= 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("flag needs a value: " + arg);
            }
            if (!FLAGS.contains(flag)) {
                throw new IllegalArgumentException("unknown flag: -" + flag);
            }
            values.put(flag, value);
        }
        return values;
    }
}
