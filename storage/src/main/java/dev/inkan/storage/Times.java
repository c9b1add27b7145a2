package dev.inkan.storage;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Instants as BSON dates, so that queries and indexes compare them natively. A BSON date holds milliseconds;
 * the nanoseconds within the millisecond go to a sibling field {@code <name>Nanos}, so every instant reads
 * back equal to what was written. Queries compare the millisecond part only.
 */
final class Times {
    private static final String NANOS = "Nanos";
    private static final int NANOS_PER_MILLI = 1_000_000;

    private Times() {}

    /** Puts {@code name} and {@code nameNanos} (both null when {@code t} is null). */
    static Document put(Document d, String name, Instant t) {
        d.put(name, t == null ? null : date(t));
        d.put(name + NANOS, t == null ? null : t.getNano() % NANOS_PER_MILLI);
        return d;
    }

    static Instant get(Document d, String name) {
        Date date = d.getDate(name);
        if (date == null) {
            return null;
        }
        Integer nanos = d.getInteger(name + NANOS);
        return Instant.ofEpochMilli(date.getTime()).plusNanos(nanos == null ? 0 : nanos);
    }

    /** The instant as a BSON date, for query filters. */
    static Date date(Instant t) {
        return new Date(t.toEpochMilli());
    }
}
