package dev.inkan.ct;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an SCT before it is embedded (RFC 6962 §3.2, standards.md §3.1): it names the log that sent it, it is
 * version 1, its timestamp is not in the future, and its signature verifies with the log's key over the entry.
 */
public final class SctVerifier {
    /** Clocks differ a little; an SCT from further ahead than this is refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** More distinct log keys than any log list holds; past it the kept keys are dropped and made again. */
    static final int KEPT_KEYS = 1_000;

    private final Clock clock;
    /** ECDSA log keys made ready once (LogSignatureKey); empty for keys the JDK checks. */
    private final Map<PublicKey, Optional<LogSignatureKey>> ready = new ConcurrentHashMap<>();

    public SctVerifier(Clock clock) {
        this.clock = clock;
    }

    /** What is wrong with the SCT, or empty when it verifies. */
    public Optional<String> problem(SignedCertificateTimestamp sct, CtLog log, LogEntry entry) {
        if (sct.version() != 0) {
            return Optional.of("SCT version " + sct.version() + " is not v1");
        }
        if (!Arrays.equals(sct.logId(), log.logId())) {
            return Optional.of("the SCT names another log ID");
        }
        if (Instant.ofEpochMilli(sct.timestamp()).isAfter(clock.instant().plus(CLOCK_SKEW))) {
            return Optional.of("the SCT timestamp is in the future");
        }
        // RFC 6962 §2.1.4: SHA-256 with ECDSA or RSA, nothing else
        String algorithm;
        if (sct.hashAlgorithm() == 4 && sct.signatureAlgorithm() == 3) {
            algorithm = "SHA256withECDSA";
        } else if (sct.hashAlgorithm() == 4 && sct.signatureAlgorithm() == 1) {
            algorithm = "SHA256withRSA";
        } else {
            return Optional.of("the SCT's signature algorithm is not SHA-256 with ECDSA or RSA");
        }
        try {
            if (!verifies(algorithm, log.key(), entry.signatureInput(sct), sct.signature())) {
                return Optional.of("the SCT signature does not verify with the log's key");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("the SCT signature cannot be checked: " + e.getMessage());
        }
        return Optional.empty();
    }

    private boolean verifies(String algorithm, PublicKey key, byte[] input, byte[] signature)
            throws GeneralSecurityException {
        Optional<LogSignatureKey> fast = algorithm.equals("SHA256withECDSA") ? ready(key) : Optional.empty();
        if (fast.isPresent()) {
            return fast.get().verifies(input, signature);
        }
        Signature s = Signature.getInstance(algorithm);
        s.initVerify(key);
        s.update(input);
        return s.verify(signature);
    }

    private Optional<LogSignatureKey> ready(PublicKey key) {
        Optional<LogSignatureKey> known = ready.get(key);
        if (known != null) {
            return known;
        }
        if (ready.size() >= KEPT_KEYS) {
            ready.clear();
        }
        return ready.computeIfAbsent(key, LogSignatureKey::of);
    }
}
