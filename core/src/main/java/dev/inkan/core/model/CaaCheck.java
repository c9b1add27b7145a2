package dev.inkan.core.model;

import java.util.Objects;

/**
 * One stored CAA check (BR 3.2.2.8, SC-099 evidence): the result and what it was made for.
 *
 * @param authorizationId  the authorization whose name was checked
 * @param orderId          the order being finalized for a recheck, or null for a check at validation
 * @param trigger          {@link #AT_VALIDATION}, {@link #AT_FINALIZE} or {@link #AT_SIGNING}
 * @param accountUri       the account URL checked against RFC 8657 {@code accounturi}
 * @param validationMethod the ACME method checked against RFC 8657 {@code validationmethods}
 * @param brSection        the rule followed and the Baseline Requirements version, e.g. {@code 3.2.2.8 (BR 2.2.6)}
 */
public record CaaCheck(
        String id,
        String accountId,
        String authorizationId,
        String orderId,
        String trigger,
        String accountUri,
        String validationMethod,
        CaaResult result,
        String brSection) {
    public static final String AT_VALIDATION = "validation";
    public static final String AT_FINALIZE = "finalize";
    /** Just before the HSM signs, when the pipeline outlasted the finalize check's window (BR 3.2.2.8). */
    public static final String AT_SIGNING = "signing";

    public CaaCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(result, "result");
    }
}
