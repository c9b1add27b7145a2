package dev.inkan.app;

import dev.inkan.core.model.RevocationReason;
import java.util.Arrays;
import java.util.Locale;

/** The RFC 5280 names of the BR reasons (BR 7.2.2), as staff type them: {@code keyCompromise}, {@code superseded}. */
final class RevocationReasons {
    private RevocationReasons() {}

    static RevocationReason parse(String name) {
        String wanted = name == null ? "" : name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (RevocationReason r : RevocationReason.values()) {
            if (r.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return r;
            }
        }
        throw new IllegalArgumentException("\"" + name + "\" is not a reason the Baseline Requirements allow (BR 7.2.2);"
                + " use one of " + String.join(", ", Arrays.stream(RevocationReason.values()).map(RevocationReasons::name)
                        .toList()) + " (certificateHold is never used)");
    }

    /** unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn. */
    static String name(RevocationReason r) {
        String[] words = r.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return b.toString();
    }
}
