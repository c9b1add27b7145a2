package dev.inkan.core.vetting;

import java.time.Instant;
import java.util.Objects;

/**
 * One check as recorded: who made it, when, which source was consulted and what it showed.
 *
 * @param source   the source consulted, e.g. the registry URL, a directory name; never the applicant
 * @param evidence what the source showed (a registry response, the number dialled and who answered)
 * @param round    the submission round it belongs to; a resubmission needs every check again
 */
public record VettingCheck(CheckType type, boolean passed, String officer, Instant at, String source, String evidence,
        String note, int round) {
    public VettingCheck {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(officer, "officer");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
        evidence = evidence == null ? "" : evidence;
        note = note == null ? "" : note;
    }
}
