package dev.inkan.caa;

import io.vertx.core.Future;

/** Delivers {@link IodefReport}s (RFC 8659 §4.4: optional for a CA, BR 3.2.2.8: SHOULD). */
public interface IodefReporter {
    /** Never fails the future: a report that could not be delivered is recorded as such. */
    Future<Void> report(IodefReport report);
}
