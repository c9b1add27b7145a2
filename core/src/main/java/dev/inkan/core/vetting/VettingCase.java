package dev.inkan.core.vetting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One organization's application and its vetting: the submitted data, the checks of the current round, the
 * decision and the history.
 *
 * @param round          1 for the first submission, +1 per resubmission
 * @param reason         why it was returned or rejected, shown to the applicant; null otherwise
 * @param organizationId the vetted organization created on approval, or null
 * @param version        bumped by every change; stores update only from the version read
 */
public record VettingCase(
        String id,
        String applicantId,
        CaseStatus status,
        int round,
        Application application,
        List<VettingCheck> checks,
        List<CaseEvent> history,
        String reason,
        String organizationId,
        Instant submittedAt,
        Instant updatedAt,
        int version) {
    public VettingCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(application, "application");
        checks = checks == null ? List.of() : List.copyOf(checks);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The latest check of this type in the current round. */
    public Optional<VettingCheck> check(CheckType type) {
        VettingCheck found = null;
        for (VettingCheck c : checks) {
            if (c.type() == type && c.round() == round) {
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every check type passed in the current round. */
    public boolean allChecksPassed() {
        for (CheckType t : CheckType.values()) {
            if (check(t).map(c -> !c.passed()).orElse(true)) {
                return false;
            }
        }
        return true;
    }

    public VettingCase withCheck(VettingCheck check, CaseEvent event) {
        List<VettingCheck> c = new ArrayList<>(checks);
        c.add(check);
        return new VettingCase(id, applicantId, status, round, application, c, append(event), reason, organizationId,
                submittedAt, event.at(), version + 1);
    }

    public VettingCase decided(CaseStatus s, String why, String orgId, CaseEvent event) {
        return new VettingCase(id, applicantId, s, round, application, checks, append(event), why, orgId, submittedAt,
                event.at(), version + 1);
    }

    /** The applicant's corrected application starts a new round: every check is made again. */
    public VettingCase resubmitted(Application corrected, CaseEvent event) {
        return new VettingCase(id, applicantId, CaseStatus.SUBMITTED, round + 1, corrected, checks, append(event), null,
                null, event.at(), event.at(), version + 1);
    }

    private List<CaseEvent> append(CaseEvent e) {
        List<CaseEvent> h = new ArrayList<>(history);
        h.add(e);
        return h;
    }
}
