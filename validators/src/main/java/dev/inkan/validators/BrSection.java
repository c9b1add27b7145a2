package dev.inkan.validators;

/**
 * BR 3.2.2.4: "CAs SHALL maintain a record of which domain validation method, including relevant BR version
 * number, they used". Each validation record names its section with the version it follows.
 */
public final class BrSection {
    /** The Baseline Requirements version these methods implement; raise it when a ballot changes one. */
    public static final String VERSION = "2.2.6";

    private BrSection() {}

    /** E.g. {@code 3.2.2.4.19 (BR 2.2.6)}. */
    public static String of(String section) {
        return section + " (BR " + VERSION + ")";
    }
}
