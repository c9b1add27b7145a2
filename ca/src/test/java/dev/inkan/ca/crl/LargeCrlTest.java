package dev.inkan.ca.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.CaUrls;
import dev.inkan.ca.StatusHierarchy;
import dev.inkan.ca.ceremony.CeremonyConfig;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.model.RevokedEntry;
import dev.inkan.core.port.CrlCounters;
import dev.inkan.core.port.RevokedSerials;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CRL of 100,000 entries, made and signed in the HSM in well under the 24-hour cadence; its time is printed. */
class LargeCrlTest {
    private static final int ENTRIES = 100_000;
    private static final Instant NOW = StatusHierarchy.CEREMONY.plus(Duration.ofDays(1));

    @TempDir
    static Path dir;

    private static StatusHierarchy ca;

    @BeforeAll
    static void hierarchy() {
        ca = StatusHierarchy.create("crl-large", dir);
    }

    @AfterAll
    static void close() {
        ca.close();
    }

    /** 127-bit serials like real ones, each revoked with a reason. */
    private static List<RevokedEntry> entries() {
        SecureRandom random = new SecureRandom();
        RevocationReason[] reasons = RevocationReason.values();
        List<RevokedEntry> list = new ArrayList<>(ENTRIES);
        for (int i = 0; i < ENTRIES; i++) {
            list.add(new RevokedEntry(new BigInteger(127, random).setBit(126).toString(16),
                    NOW.minusSeconds(i % 86_400), reasons[i % reasons.length], NOW.plus(Duration.ofDays(60))));
        }
        return list;
    }

    @Test
    void testSuccess_aHundredThousandEntryCrlIsMadeSignedAndParsed() throws Exception {
        List<RevokedEntry> entries = entries();
        AtomicLong numbers = new AtomicLong();
        CrlCounters counters = new CrlCounters() {
            @Override
            public Future<Long> nextCrlNumber(String crlId) {
                return Future.succeededFuture(numbers.incrementAndGet());
            }

            @Override
            public Future<Long> revocationRecorded(String issuerId) {
                return Future.succeededFuture(0L);
            }

            @Override
            public Future<Long> revocations(String issuerId) {
                return Future.succeededFuture(0L);
            }
        };
        RevokedSerials source = (issuerId, after) ->
                Future.succeededFuture(issuerId.equals(CaIds.DV) ? entries : List.of());
        CrlPublisher publisher = new CrlPublisher(ca.vertx(), ca.signer(), ca.certificates(), counters, source,
                new CaUrls(CeremonyConfig.DEFAULT_BASE_URL), CrlSchedule.defaults(), new MutableClock(NOW));

        long start = System.nanoTime();
        SignedCrl crl = Await.result(publisher.publishNow(CaIds.DV)).get(0);
        long made = System.nanoTime() - start;
        X509CRL parsed = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crl.der()));
        parsed.verify(java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(ca.certificate(CaIds.DV).der())).getPublicKey());

        assertEquals(ENTRIES, parsed.getRevokedCertificates().size());
        System.out.printf("CRL of %d entries: %d bytes, built, linted, signed in the HSM and checked in %d ms%n",
                ENTRIES, crl.der().length, made / 1_000_000);
    }
}
