package dev.inkan.caa;

import java.time.Instant;
import java.util.List;

/**
 * What RFC 8659 §4.4 lets a CA tell a domain's {@code iodef} contact: a request this CA refused because of the
 * domain's CAA records.
 *
 * @param name         the name requested ({@code *.} included for a wildcard)
 * @param relevantName where the refusing RRset was found
 * @param refusing     the records that refused, zone-file form
 * @param targets      the {@code iodef} URLs of that RRset ({@code mailto:} or {@code https:})
 */
public record IodefReport(String name, String relevantName, List<String> refusing, List<String> targets,
        Instant at) {
    public IodefReport {
        refusing = List.copyOf(refusing);
        targets = List.copyOf(targets);
    }

    /** The report as mail text: short, factual, nothing the requester told us beyond the name. */
    public String text() {
        return "The certification authority refused a certificate request for " + name + " at " + at
                + " because of the CAA records at " + relevantName + ":\n  " + String.join("\n  ", refusing)
                + "\nNo certificate was issued. This report is sent because the records list this address as"
                + " their iodef contact (RFC 8659 §4.4).\n";
    }
}
