package dev.inkan.harness.mail;

import java.time.Instant;
import java.util.List;

/**
 * One message the sink accepted: the SMTP envelope and the message as sent (RFC 5322 headers and body, dot
 * stuffing removed).
 */
public record ReceivedMail(String envelopeFrom, List<String> envelopeTo, String data, Instant receivedAt) {
    public ReceivedMail {
        envelopeTo = List.copyOf(envelopeTo);
    }

    /** The value of the first header with this name, unfolded, or null. */
    public String header(String name) {
        String[] lines = data.split("\r\n", -1);
        for (int i = 0; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).equalsIgnoreCase(name)) {
                StringBuilder value = new StringBuilder(lines[i].substring(colon + 1).trim());
                while (i + 1 < lines.length && (lines[i + 1].startsWith(" ") || lines[i + 1].startsWith("\t"))) {
                    value.append(' ').append(lines[++i].trim());
                }
                return value.toString();
            }
        }
        return null;
    }

    /** Everything after the blank line that ends the headers. */
    public String body() {
        int end = data.indexOf("\r\n\r\n");
        return end < 0 ? "" : data.substring(end + 4);
    }
}
