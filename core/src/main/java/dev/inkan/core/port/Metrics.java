package dev.inkan.core.port;

import java.time.Duration;

/**
 * What the CA counts and times for its operators. Modules report through this port; only {@code app} knows where
 * the numbers go (a Prometheus registry). Every method returns at once and never throws. Label values are the
 * field's words: a profile name, a challenge type, a CT log's name, a CA key id.
 */
public interface Metrics {

    /** One finalized order's issuance. @param outcome {@code issued}, {@code refused} or {@code failed} */
    void issuance(String profile, String outcome, Duration took);

    /** One domain control check. @param outcome {@code valid}, {@code invalid} or {@code error} */
    void validation(String method, String outcome);

    /** One submission to one CT log. @param outcome {@code sct}, {@code rejected} (bad SCT) or {@code error} */
    void ctSubmission(String log, String outcome, Duration took);

    /** One signature by one CA key in the HSM. @param outcome {@code ok} or {@code error} */
    void hsmSignature(String key, String outcome, Duration took);

    /**
     * One OCSP answer. @param outcome {@code signed} or the unsigned error status ({@code malformedRequest},
     * {@code unauthorized}, {@code internalError}); @param cached whether a pre-signed answer was served
     */
    void ocspAnswer(String issuer, String outcome, boolean cached);

    /** A request refused by a rate limit. @param limit the limit's name, e.g. {@code newOrdersPerAccount} */
    void rateLimitRefusal(String limit);

    /** One call to the store, from the request to its answer. */
    void storeCall(Duration took);

    /** Counts nothing: for tests and tools that run without a registry. */
    Metrics NONE = new Metrics() {
        @Override
        public void issuance(String profile, String outcome, Duration took) {}

        @Override
        public void validation(String method, String outcome) {}

        @Override
        public void ctSubmission(String log, String outcome, Duration took) {}

        @Override
        public void hsmSignature(String key, String outcome, Duration took) {}

        @Override
        public void ocspAnswer(String issuer, String outcome, boolean cached) {}

        @Override
        public void rateLimitRefusal(String limit) {}

        @Override
        public void storeCall(Duration took) {}
    };
}
