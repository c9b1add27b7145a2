package dev.inkan.harness.ct;

import io.vertx.core.json.JsonObject;

/**
 * What a fake log does wrong on purpose: answer late, fail a share of submissions with 503, refuse chains whose
 * issuer certificate has a given SHA-256, return SCTs whose signature does not verify, or date its SCTs ahead of its
 * clock. Set through {@code POST <log>/knobs} or the setters.
 */
public final class LogKnobs {
    private volatile long latencyMillis;
    private volatile double failureRate;
    private volatile String rejectIssuerSha256 = "";
    private volatile boolean badSignature;
    private volatile long timestampSkewMillis;

    /** Whether the SCTs this log returns carry a corrupted signature. */
    public boolean badSignature() {
        return badSignature;
    }

    public void setBadSignature(boolean bad) {
        this.badSignature = bad;
    }

    /** Added to the SCT timestamps this log signs: positive dates them in the future. */
    public long timestampSkewMillis() {
        return timestampSkewMillis;
    }

    public void setTimestampSkewMillis(long ms) {
        this.timestampSkewMillis = ms;
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    public double failureRate() {
        return failureRate;
    }

    public String rejectIssuerSha256() {
        return rejectIssuerSha256;
    }

    public void setLatencyMillis(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("latencyMillis must not be negative");
        }
        this.latencyMillis = ms;
    }

    /** 0 answers every submission, 1 fails every one (the log is "down"). */
    public void setFailureRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("failureRate is between 0 and 1");
        }
        this.failureRate = rate;
    }

    /** Lowercase hex SHA-256 of the issuer certificate's DER; "" refuses none. */
    public void setRejectIssuerSha256(String hex) {
        this.rejectIssuerSha256 = hex == null ? "" : hex.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Applies the fields present in {@code json}: latencyMillis, failureRate, rejectIssuerSha256, badSignature,
     * timestampSkewMillis.
     */
    public void apply(JsonObject json) {
        if (json.containsKey("badSignature")) {
            setBadSignature(json.getBoolean("badSignature"));
        }
        if (json.containsKey("timestampSkewMillis")) {
            setTimestampSkewMillis(json.getLong("timestampSkewMillis"));
        }
        if (json.containsKey("latencyMillis")) {
            setLatencyMillis(json.getLong("latencyMillis"));
        }
        if (json.containsKey("failureRate")) {
            setFailureRate(json.getDouble("failureRate"));
        }
        if (json.containsKey("rejectIssuerSha256")) {
            setRejectIssuerSha256(json.getString("rejectIssuerSha256"));
        }
    }

    public JsonObject toJson() {
        return new JsonObject().put("latencyMillis", latencyMillis).put("failureRate", failureRate)
                .put("rejectIssuerSha256", rejectIssuerSha256).put("badSignature", badSignature)
                .put("timestampSkewMillis", timestampSkewMillis);
    }
}
