package dev.inkan.ra.policy;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.Identifier;
import java.util.List;
import java.util.Set;

/** Which challenge types a new authorization offers for an identifier. */
public final class ChallengeOffer {
    private static final Set<String> KNOWN = Set.of(Challenge.HTTP_01, Challenge.DNS_01, Challenge.TLS_ALPN_01);
    /**
     * BR 3.2.2.4: of the ACME methods, only DNS Change (3.2.2.4.7) may validate a wildcard; http-01 (3.2.2.4.19)
     * and tls-alpn-01 (3.2.2.4.20, RFC 8737 §3) may not.
     */
    private static final Set<String> WILDCARD_CAPABLE = Set.of(Challenge.DNS_01);

    private final List<String> types;

    /** @param types the types offered, in the order clients will see them */
    public ChallengeOffer(List<String> types) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("at least one challenge type must be offered");
        }
        for (String t : types) {
            if (!KNOWN.contains(t)) {
                throw new IllegalArgumentException("unknown challenge type \"" + t + "\"; known: " + KNOWN);
            }
        }
        this.types = List.copyOf(types);
    }

    /** The types for one identifier; {@code rejectedIdentifier} when none can validate it. */
    public List<String> typesFor(Identifier identifier) {
        if (!identifier.isWildcard()) {
            return types;
        }
        List<String> usable = types.stream().filter(WILDCARD_CAPABLE::contains).toList();
        if (usable.isEmpty()) {
            throw CaException.forIdentifier(ErrorKind.REJECTED_IDENTIFIER, identifier,
                    "wildcard \"" + identifier.value() + "\" needs dns-01, which this CA does not offer");
        }
        return usable;
    }
}
