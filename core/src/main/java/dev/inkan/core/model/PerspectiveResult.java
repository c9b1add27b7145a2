package dev.inkan.core.model;

import java.util.Objects;

/**
 * What one remote network perspective said about a check (BR 3.2.2.9 multi-perspective issuance corroboration,
 * BR 5.4.1 logging: the perspective, the result).
 *
 * @param perspective  the remote perspective's name
 * @param corroborates true when its result agrees that issuance may go ahead
 * @param detail       what it found, its problem, or why it gave no answer (cancelled once the quorum was decided)
 */
public record PerspectiveResult(String perspective, boolean corroborates, String detail) {
    public PerspectiveResult {
        Objects.requireNonNull(perspective, "perspective");
        detail = detail == null ? "" : detail;
    }
}
