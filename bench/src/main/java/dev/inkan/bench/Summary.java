package dev.inkan.bench;

import java.util.ArrayList;
import java.util.List;

/** What a run measured: counts, the issuance rate, and latency percentiles of whole orders. */
record Summary(int issued, int failed, double seconds, double perSecond, double medianMs, double p90Ms) {

    static Summary of(List<Long> latenciesNanos, int failed, long wallNanos) {
        List<Long> sorted = new ArrayList<>(latenciesNanos);
        sorted.sort(null);
        double seconds = wallNanos / 1e9;
        return new Summary(sorted.size(), failed, seconds, sorted.size() / seconds,
                percentile(sorted, 50) / 1e6, percentile(sorted, 90) / 1e6);
    }

    /** Nearest-rank percentile; 0 for no samples. */
    static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    String render() {
        return String.format("issued %d, failed %d in %.1f s: %.2f certificates/s; order latency median %.0f ms, p90 %.0f ms",
                issued, failed, seconds, perSecond, medianMs, p90Ms);
    }
}
