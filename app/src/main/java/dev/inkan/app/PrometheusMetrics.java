package dev.inkan.app;

import dev.inkan.core.port.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The CA's series in one Prometheus registry, which Vert.x's own HTTP and pool metrics share. Names follow
 * Prometheus conventions once rendered: {@code inkan.issuance} becomes {@code inkan_issuance_seconds_count}, ...
 * docs/operating.md lists each series with what to alert on.
 */
final class PrometheusMetrics implements Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /**
     * The meters counted on every request (store calls, OCSP answers), each looked up once: building a meter's id
     * and finding it in the registry again on each call cost more than the count itself (JFR at 16 clients: 12 % of
     * the OCSP responder's samples).
     */
    private final Timer storeCalls = Timer.builder("inkan.store.calls").description("calls to the store, request to answer")
            .register(registry);
    private final Map<String, Counter> ocspAnswers = new ConcurrentHashMap<>();

    PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void issuance(String profile, String outcome, Duration took) {
        Timer.builder("inkan.issuance").description("finalized orders' issuance, from processing to a result")
                .tag("profile", profile).tag("outcome", outcome).publishPercentileHistogram()
                .register(registry).record(took);
    }

    @Override
    public void validation(String method, String outcome) {
        Counter.builder("inkan.validations").description("domain control checks")
                .tag("method", method).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void ctSubmission(String log, String outcome, Duration took) {
        Timer.builder("inkan.ct.submissions").description("precertificate submissions to CT logs")
                .tag("log", log).tag("outcome", outcome).register(registry).record(took);
    }

    @Override
    public void hsmSignature(String key, String outcome, Duration took) {
        Timer.builder("inkan.hsm.signatures").description("signatures made by the HSM")
                .tag("key", key).tag("outcome", outcome).register(registry).record(took);
    }

    @Override
    public void ocspAnswer(String issuer, String outcome, boolean cached) {
        String cache = cached ? "hit" : "miss";
        ocspAnswers.computeIfAbsent(issuer + ' ' + outcome + ' ' + cache, k -> Counter.builder("inkan.ocsp.answers")
                .description("OCSP answers given").tag("issuer", issuer).tag("outcome", outcome).tag("cache", cache)
                .register(registry)).increment();
    }

    @Override
    public void rateLimitRefusal(String limit) {
        Counter.builder("inkan.ratelimit.refusals").description("requests refused by a rate limit")
                .tag("limit", limit).register(registry).increment();
    }

    @Override
    public void storeCall(Duration took) {
        storeCalls.record(took);
    }

    /**
     * One nonce of another front end, sent there to be redeemed. @param outcome {@code accepted}, {@code refused}
     * (spent or not its own), {@code unknown} (no live front end under its prefix) or {@code unreachable}
     */
    void nonceSentOn(String outcome) {
        Counter.builder("inkan.nonces.sent.on").description("nonces of other front ends, redeemed there")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** A value read at each scrape; NaN when it is unknown. */
    void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).register(registry);
    }
}
