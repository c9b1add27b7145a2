package dev.inkan.caa;

import java.time.Duration;
import java.util.List;

/**
 * The CAA RRset that decides for a name (RFC 8659 §3) and how it was found.
 *
 * @param relevantName the name that held it, or null when no name up to the root had CAA
 * @param properties   its records; empty when there was none
 * @param ttl          the smallest TTL among them; zero when there was none
 * @param queried      each name asked, from the name towards the root up to the one that answered, with CNAMEs
 * @param dnssec       {@code secure}, {@code insecure} or {@code unvalidated}
 */
record RelevantRrset(String relevantName, List<CaaProperty> properties, Duration ttl, List<String> queried,
        String dnssec) {
    RelevantRrset {
        properties = List.copyOf(properties);
        queried = List.copyOf(queried);
    }

    boolean found() {
        return relevantName != null;
    }
}
