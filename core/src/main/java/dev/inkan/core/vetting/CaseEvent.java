package dev.inkan.core.vetting;

import java.time.Instant;

/** One line of a case's own history, shown to staff and exported with the vetting file. */
public record CaseEvent(Instant at, String actor, String action, String detail) {}
