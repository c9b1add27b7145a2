package dev.inkan.ct;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which logs get a precertificate and which SCTs make it compliant: Chrome's CT policy (ct_policy.md) and Apple's
 * (support.apple.com/103214), standards.md §3.3 and §3.4.
 *
 * <ul>
 *   <li>logs: Qualified or Usable, whose temporal interval holds the certificate's notAfter;</li>
 *   <li>SCTs: from distinct logs, 2 for a lifetime up to 180 days and 3 above, from at least 2 operators with no
 *       operator counted more than N-1 times (Apple), at least one from an RFC 6962 log while Apple asks so.</li>
 * </ul>
 *
 * @param requireRfc6962Log Apple's stored policy: one SCT from a log with the RFC 6962 API (not only tiled)
 */
public record CtPolicy(boolean requireRfc6962Log) {
    /** Apple counts lifetime inclusively in 86,400-second days; Chrome's split is the same 180 days. */
    static final Duration SHORT_LIFETIME = Duration.ofDays(180);

    public static CtPolicy browsers() {
        return new CtPolicy(true);
    }

    /** 2 SCTs for a lifetime up to 180 days, 3 above. */
    public int required(Instant notBefore, Instant notAfter) {
        Duration lifetime = Duration.between(notBefore, notAfter).plusSeconds(1);
        return lifetime.compareTo(SHORT_LIFETIME) <= 0 ? 2 : 3;
    }

    /** The logs to submit to for a certificate expiring at {@code notAfter}, in list order. */
    public List<CtLog> candidates(LogList list, Instant notAfter) {
        return list.logs().stream()
                .filter(l -> l.state().acceptsSubmissions() && l.acceptsExpiry(notAfter))
                .toList();
    }

    /** Whether {@code logs} could ever satisfy the policy, so that no submission is wasted on a hopeless case. */
    public boolean satisfiable(List<CtLog> logs, int required) {
        return logs.size() >= required && logs.stream().map(CtLog::operator).distinct().count() >= 2
                && (!requireRfc6962Log || logs.stream().anyMatch(l -> !l.tiled()));
    }

    /** A set of SCTs (one per log) that meets the policy, from those received in order; empty if none does. */
    public Optional<List<ReceivedSct>> select(List<ReceivedSct> received, int required) {
        List<ReceivedSct> chosen = new ArrayList<>();
        return choose(received, 0, required, chosen) ? Optional.of(List.copyOf(chosen)) : Optional.empty();
    }

    /** Depth-first over combinations: at most a dozen logs, so at most a few hundred sets. */
    private boolean choose(List<ReceivedSct> received, int from, int required, List<ReceivedSct> chosen) {
        if (chosen.size() == required) {
            return compliant(chosen);
        }
        for (int i = from; i < received.size(); i++) {
            chosen.add(received.get(i));
            if (choose(received, i + 1, required, chosen)) {
                return true;
            }
            chosen.remove(chosen.size() - 1);
        }
        return false;
    }

    boolean compliant(List<ReceivedSct> scts) {
        Map<String, Integer> perOperator = new HashMap<>();
        scts.forEach(s -> perOperator.merge(s.log().operator(), 1, Integer::sum));
        boolean distinctLogs = scts.stream().map(s -> s.log().submissionUrl()).distinct().count() == scts.size();
        boolean operators = perOperator.size() >= 2
                && perOperator.values().stream().allMatch(n -> n <= scts.size() - 1);
        boolean rfc6962 = !requireRfc6962Log || scts.stream().anyMatch(s -> !s.log().tiled());
        return distinctLogs && operators && rfc6962;
    }

    /** A verified SCT and the log that signed it. */
    public record ReceivedSct(CtLog log, SignedCertificateTimestamp sct) {}
}
