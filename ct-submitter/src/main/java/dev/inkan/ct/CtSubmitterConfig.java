package dev.inkan.ct;

import java.time.Duration;
import java.util.Objects;

/**
 * How submissions are paced.
 *
 * @param attempts       tries per log (network errors, timeouts and 5xx answers are retried; 4xx are not)
 * @param attemptTimeout one try's time limit
 * @param backoff        the wait before the second try, doubled for each later one
 * @param stagger        the delay between starting one log and the next, so that fast logs can satisfy the policy
 *                       before every log is asked (Boulder's ctpolicy staggers the same way)
 */
public record CtSubmitterConfig(int attempts, Duration attemptTimeout, Duration backoff, Duration stagger) {
    public CtSubmitterConfig {
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(stagger, "stagger");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    /** 3 tries of 10 s each, 500 ms backoff, logs started 250 ms apart. */
    public static CtSubmitterConfig defaults() {
        return new CtSubmitterConfig(3, Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofMillis(250));
    }
}
