package dev.inkan.bench;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The store commands of a timed phase per certificate issued, busiest first: where the round trips go. */
final class StoreCallsNote {
    private StoreCallsNote() {}

    static String perCertificate(Map<String, Long> before, Map<String, Long> after, int certificates) {
        if (after.isEmpty() || certificates <= 0) {
            return "";
        }
        Map<String, Long> used = after.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)));
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        return String.format(Locale.ROOT, "%.1f per certificate (%,d for %,d certificates, pollers included):",
                        (double) total / certificates, total, certificates)
                + used.entrySet().stream().filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                        .map(e -> String.format(Locale.ROOT, " %s %.2f", e.getKey(), (double) e.getValue() / certificates))
                        .collect(Collectors.joining(","));
    }
}
