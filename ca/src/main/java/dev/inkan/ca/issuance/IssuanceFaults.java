package dev.inkan.ca.issuance;

/**
 * Told when the pipeline passes each {@link IssuanceStep}. Production uses {@link #NONE}; the crash tests halt
 * the process at a named step to show what a crash there leaves behind.
 */
@FunctionalInterface
public interface IssuanceFaults {
    IssuanceFaults NONE = step -> {};

    void reached(IssuanceStep step);

    /** Halts the JVM at once (no shutdown hook, nothing flushed, as SIGKILL would) when {@code at} is reached. */
    static IssuanceFaults haltAt(IssuanceStep at) {
        return step -> {
            if (step == at) {
                Runtime.getRuntime().halt(137);
            }
        };
    }
}
