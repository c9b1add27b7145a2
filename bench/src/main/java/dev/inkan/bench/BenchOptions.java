package dev.inkan.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What to measure.
 *
 * @param directory  the ACME directory URL (this CA's or Pebble's)
 * @param trustRoot  a PEM file of the TLS root that signed the directory's certificate
 * @param management a pebble-challtestsrv-compatible management API for dns-01 TXT records
 * @param clients    concurrent ACME clients, one account each
 * @param orders     orders per client
 * @param names      names per order
 */
record BenchOptions(URI directory, Path trustRoot, URI management, int clients, int orders, int names) {

    static BenchOptions parse(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
        }
        return new BenchOptions(
                URI.create(a.getOrDefault("directory", "https://localhost:14000/directory")),
                Path.of(a.getOrDefault("trust-root", "var/tls/tls-root.pem")),
                URI.create(a.getOrDefault("management", "http://127.0.0.1:8055")),
                Integer.parseInt(a.getOrDefault("clients", "4")),
                Integer.parseInt(a.getOrDefault("orders", "10")),
                Integer.parseInt(a.getOrDefault("names", "1")));
    }

    static String usage() {
        return """
                usage: java -jar inkan-bench.jar [--directory URL] [--trust-root PEM] [--management URL]
                                                 [--clients N] [--orders N] [--names N]
                defaults: https://localhost:14000/directory, var/tls/tls-root.pem, http://127.0.0.1:8055, 4, 10, 1
                Each client registers an account, then orders, answers dns-01 through the management API,
                finalizes and downloads, one order after another. Only loopback targets make sense here.
                """;
    }
}
