package dev.inkan.ca.crl;

import dev.inkan.ca.SerialNumbers;
import dev.inkan.ca.Signer;
import dev.inkan.core.model.CaCertificate;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.model.RevokedEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the CRL path takes for a CRL of a given size: the same {@link CrlMaker} as every published CRL (TBS
 * built, linted, signed in the HSM, the signature checked in software) over synthetic entries shaped like real ones
 * (serials as {@link SerialNumbers} makes them, the BR reasons, revocation times over the past week). Nothing is stored or published and
 * no CRL number is used; the bench runs it to show how a large CA's CRL behaves (issue: status at scale).
 */
public final class CrlSizeTrial {
    private static final RevocationReason[] REASONS = RevocationReason.values();

    /** @param millis wall time from the first entry handed to the maker to the verified DER */
    public record Result(String caId, int entries, int bytes, long millis) {}

    private CrlSizeTrial() {}

    public static Future<Result> run(Vertx vertx, Signer signer, CaCertificate issuing, int entries, Instant now) {
        List<RevokedEntry> list = entries(entries, now);
        CrlMaker maker = new CrlMaker(vertx, signer);
        long start = System.nanoTime();
        return maker.make(CrlIssuer.of(issuing), SignedCrl.FULL, null, 1, now, now.plus(Duration.ofDays(7)), list)
                .map(crl -> new Result(issuing.id(), crl.entries(), crl.der().length,
                        (System.nanoTime() - start) / 1_000_000));
    }

    static List<RevokedEntry> entries(int count, Instant now) {
        SecureRandom random = new SecureRandom();
        SerialNumbers serials = new SerialNumbers(random);
        List<RevokedEntry> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String serial = SerialNumbers.hex(serials.next());
            Instant revoked = now.minusSeconds(random.nextInt(7 * 24 * 3600));
            list.add(new RevokedEntry(serial, revoked, REASONS[i % REASONS.length], now.plus(Duration.ofDays(40))));
        }
        return list;
    }
}
