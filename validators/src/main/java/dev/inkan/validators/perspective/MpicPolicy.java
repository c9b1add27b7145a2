package dev.inkan.validators.perspective;

import java.time.Instant;
import java.util.List;

/**
 * BR 3.2.2.9 multi-perspective issuance corroboration: how many remote perspectives must be used from when, and
 * how many of them may disagree.
 *
 * <table>
 *   <caption>BR 3.2.2.9 phase-in (remote perspectives)</caption>
 *   <tr><th>from</th><th>at least</th></tr>
 *   <tr><td>2025-03-15</td><td>2 (not yet blocking)</td></tr>
 *   <tr><td>2025-09-15</td><td>2, quorum blocking</td></tr>
 *   <tr><td>2026-03-15</td><td>3, in at least 2 RIR service regions</td></tr>
 *   <tr><td>2026-06-15</td><td>4</td></tr>
 *   <tr><td>2026-12-15</td><td>5</td></tr>
 * </table>
 */
public final class MpicPolicy {
    static final Instant FIRST = Instant.parse("2025-03-15T00:00:00Z");
    static final Instant THREE = Instant.parse("2026-03-15T00:00:00Z");
    static final Instant FOUR = Instant.parse("2026-06-15T00:00:00Z");
    static final Instant FIVE = Instant.parse("2026-12-15T00:00:00Z");

    private final boolean production;
    private final List<RemoteConfig> remotes;

    /** @param production whether the BR minimums are enforced (the production validation profile) */
    public MpicPolicy(boolean production, List<RemoteConfig> remotes) {
        this.production = production;
        this.remotes = List.copyOf(remotes);
    }

    /** The fewest remote perspectives the BR allows at {@code at}. */
    public static int minimumRemotes(Instant at) {
        if (at.isBefore(FIRST)) {
            return 0;
        }
        if (at.isBefore(THREE)) {
            return 2;
        }
        if (at.isBefore(FOUR)) {
            return 3;
        }
        return at.isBefore(FIVE) ? 4 : 5;
    }

    /** BR 3.2.2.9 quorum table: 2-5 remote perspectives may have 1 non-corroboration, 6 or more may have 2. */
    public static int allowedFailures(int remoteCount) {
        if (remoteCount >= 6) {
            return 2;
        }
        return remoteCount >= 2 ? 1 : 0;
    }

    /** Why the configured perspectives do not meet the BR at {@code now} in production, or null when they do. */
    public String misconfiguration(Instant now) {
        if (!production) {
            return null;
        }
        int minimum = minimumRemotes(now);
        if (remotes.size() < minimum) {
            return "BR 3.2.2.9 requires at least " + minimum + " remote network perspectives at " + now + "; "
                    + remotes.size() + " configured";
        }
        long regions = remotes.stream().map(RemoteConfig::region).distinct().count();
        if (!now.isBefore(THREE) && regions < 2) {
            return "BR 3.2.2.9 requires remote perspectives in at least 2 RIR service regions since 2026-03-15; "
                    + "the configured ones are all in " + remotes.stream().map(RemoteConfig::region).distinct().toList();
        }
        return null;
    }

    /**
     * How many distinct RIR service regions the corroborating remote perspectives must span at {@code at}: BR
     * 3.2.2.9 counts the perspectives that corroborated, not the ones configured. 2 in production from 2026-03-15;
     * otherwise 1 (the sandbox accepts any topology).
     */
    public int corroboratingRegions(Instant at) {
        return production && !at.isBefore(THREE) ? 2 : 1;
    }

    /** True when MPIC runs at all: remotes are configured, or production demands them. */
    public boolean active() {
        return production || !remotes.isEmpty();
    }

    public List<RemoteConfig> remotes() {
        return remotes;
    }
}
