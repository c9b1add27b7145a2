package dev.inkan.ct;

import java.util.Locale;

/** A log's state in Chrome's log list v3 (log_lists.md); only QUALIFIED and USABLE logs take new submissions. */
public enum LogState {
    PENDING, QUALIFIED, USABLE, READONLY, RETIRED, REJECTED;

    static LogState fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Chrome's CT policy: an SCT counts toward "at least one from a current log" only from these. */
    public boolean acceptsSubmissions() {
        return this == QUALIFIED || this == USABLE;
    }
}
