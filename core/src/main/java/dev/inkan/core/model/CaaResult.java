package dev.inkan.core.model;

import dev.inkan.core.error.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one CAA check (RFC 8659, BR 3.2.2.8) found and decided, kept as evidence.
 *
 * @param name         the name checked, without {@code *.}
 * @param wildcard     whether the check was for {@code *.name} (issuewild applies)
 * @param permitted    true when this CA may issue
 * @param problem      {@code caa} when a record forbids issuance, {@code dns} when CAA could not be looked up
 *                     (never read as "no CAA"); null when permitted
 * @param relevantName the name whose CAA RRset decided (RFC 8659 §3), or null when no name up to the root had one
 * @param records      that RRset in presentation form, e.g. {@code 0 issue "jprs.jp"}; empty when there was none
 * @param queried      the names asked, in order, each with the CNAMEs followed for it
 * @param ttl          the smallest TTL of the relevant RRset; zero when there was none
 * @param dnssec       {@code secure}, {@code insecure} or {@code unvalidated} (the resolver does not validate)
 * @param perspective  the network perspective that looked ({@code primary} for the local one)
 * @param remotes      each remote perspective's corroboration (BR 3.2.2.9) and, last, none when MPIC is off
 */
public record CaaResult(
        String name,
        boolean wildcard,
        boolean permitted,
        Problem problem,
        String relevantName,
        List<String> records,
        List<String> queried,
        Duration ttl,
        String dnssec,
        String perspective,
        Instant checkedAt,
        List<PerspectiveResult> remotes) {
    public CaaResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(checkedAt, "checkedAt");
        records = records == null ? List.of() : List.copyOf(records);
        queried = queried == null ? List.of() : List.copyOf(queried);
        ttl = ttl == null ? Duration.ZERO : ttl;
        remotes = remotes == null ? List.of() : List.copyOf(remotes);
        if (!permitted) {
            Objects.requireNonNull(problem, "a refusal needs a problem");
        }
    }

    /** A result from one perspective, before any corroboration. */
    public CaaResult(String name, boolean wildcard, boolean permitted, Problem problem, String relevantName,
            List<String> records, List<String> queried, Duration ttl, String dnssec, String perspective,
            Instant checkedAt) {
        this(name, wildcard, permitted, problem, relevantName, records, queried, ttl, dnssec, perspective, checkedAt,
                List.of());
    }

    /** The same result with the remote perspectives' corroboration and, when they refused, their problem. */
    public CaaResult corroborated(boolean stillPermitted, Problem refusal, List<PerspectiveResult> results) {
        Problem p = stillPermitted ? null : problem != null ? problem : refusal;
        return new CaaResult(name, wildcard, stillPermitted, p, relevantName, records,
                queried, ttl, dnssec, perspective, checkedAt, results);
    }
}
