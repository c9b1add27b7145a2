package dev.inkan.orderapi;

import dev.inkan.core.model.RevocationReason;
import java.util.Locale;

/** RFC 5280 CRLReason names as the API spells them: {@code cessationOfOperation}. */
final class ReasonNames {
    private ReasonNames() {}

    static String name(RevocationReason r) {
        String[] words = r.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return b.toString();
    }

    static RevocationReason parse(String name) {
        for (RevocationReason r : RevocationReason.values()) {
            if (name(r).equals(name)) {
                return r;
            }
        }
        throw ApiProblem.badRequest("unknown revocation reason " + name);
    }
}
