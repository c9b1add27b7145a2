package dev.inkan.ca.crl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.ca.Await;
import dev.inkan.ca.CaIds;
import dev.inkan.ca.CaUrls;
import dev.inkan.ca.CountingSigner;
import dev.inkan.ca.InMemoryCertificateStore;
import dev.inkan.ca.InMemoryRevocations;
import dev.inkan.ca.Openssl;
import dev.inkan.ca.StatusHierarchy;
import dev.inkan.ca.ceremony.CeremonyConfig;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrlPublisherTest {
    private static final Instant NOW = StatusHierarchy.CEREMONY.plus(Duration.ofDays(1));
    private static final CaUrls URLS = new CaUrls(CeremonyConfig.DEFAULT_BASE_URL);

    @TempDir
    static Path dir;

    private static StatusHierarchy ca;

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryCertificateStore store = new InMemoryCertificateStore();
    private final InMemoryRevocations revocations = new InMemoryRevocations(store);
    private CrlPublisher publisher;

    @BeforeAll
    static void hierarchy() {
        ca = StatusHierarchy.create("crl", dir);
    }

    @AfterAll
    static void close() {
        ca.close();
    }

    @AfterEach
    void stopPublisher() {
        if (publisher != null) {
            publisher.stop();
        }
    }

    private CrlPublisher publisher(CrlSchedule schedule) {
        // a poll period far longer than any test: ticks come from the tests, at the MutableClock's time
        publisher = new CrlPublisher(ca.vertx(), ca.signer(), ca.certificates(), revocations, revocations, URLS,
                schedule.withPollEvery(Duration.ofDays(1)), clock);
        return publisher;
    }

    private CrlPublisher started() {
        CrlPublisher p = publisher(CrlSchedule.defaults());
        Await.result(p.start());
        return p;
    }

    private static X509CRL x509(SignedCrl crl) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.der()));
    }

    private static X509Certificate caCert(String id) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(ca.certificate(id).der()));
    }

    @Test
    void testSuccess_startPublishesAnEmptyV2CrlPerIssuingCaSignedByIt() throws Exception {
        CrlPublisher p = started();
        for (String id : List.of(CaIds.DV, CaIds.OV)) {
            X509CRL crl = x509(p.current(id).orElseThrow());
            crl.verify(caCert(id).getPublicKey());
            assertEquals(2, crl.getVersion());
            assertEquals(caCert(id).getSubjectX500Principal(), crl.getIssuerX500Principal());
            assertNull(crl.getRevokedCertificates());
            assertEquals("SHA256withRSA", crl.getSigAlgName());
        }
    }

    /** Issue 14 finding 6, BR 4.9.7: the root's CRL is published at the URL the issuing CA certificates name. */
    @Test
    void testSuccess_crlShards_theRootsCrlIsPublishedWhereTheIssuingCaCertificatesPoint() throws Exception {
        CrlPublisher p = publisher(CrlSchedule.defaults().withShards(4));
        Await.result(p.start());

        X509CRL root = x509(p.current(CaIds.ROOT).orElseThrow());
        root.verify(caCert(CaIds.ROOT).getPublicKey());
        assertEquals(caCert(CaIds.ROOT).getSubjectX500Principal(), root.getIssuerX500Principal());
        assertNull(root.getRevokedCertificates());
        assertTrue(p.current(CaIds.ROOT, 0).isEmpty(), "the root's CRL is never sharded");
        assertEquals(List.of(URLS.crl(CaIds.ROOT)), crlDistributionPoints(caCert(CaIds.DV)));
    }

    private static List<String> crlDistributionPoints(X509Certificate cert) throws Exception {
        org.bouncycastle.asn1.x509.CRLDistPoint dps = org.bouncycastle.asn1.x509.CRLDistPoint.getInstance(
                new X509CertificateHolder(cert.getEncoded()).getExtension(Extension.cRLDistributionPoints)
                        .getParsedValue());
        return java.util.Arrays.stream(dps.getDistributionPoints()).flatMap(dp -> java.util.Arrays.stream(
                        org.bouncycastle.asn1.x509.GeneralNames.getInstance(dp.getDistributionPoint().getName())
                                .getNames()))
                .map(n -> n.getName().toString()).toList();
    }

    @Test
    void testSuccess_revokedSerialsAreListedWithTheirReasonsAndUnspecifiedHasNone() throws Exception {
        revocations.issue("1a2b", CaIds.DV, NOW, NOW.plus(Duration.ofDays(90)));
        revocations.issue("3c4d", CaIds.DV, NOW, NOW.plus(Duration.ofDays(90)));
        revocations.issue("5e6f", CaIds.OV, NOW, NOW.plus(Duration.ofDays(90)));
        revocations.revoke("1a2b", RevocationReason.KEY_COMPROMISE, NOW.minusSeconds(30));
        revocations.revoke("3c4d", RevocationReason.UNSPECIFIED, NOW.minusSeconds(20));
        revocations.revoke("5e6f", RevocationReason.SUPERSEDED, NOW.minusSeconds(10));

        X509CRL dv = x509(started().current(CaIds.DV).orElseThrow());

        assertEquals(2, dv.getRevokedCertificates().size());
        X509CRLEntry key = dv.getRevokedCertificate(new BigInteger("1a2b", 16));
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, key.getRevocationReason());
        assertEquals(NOW.minusSeconds(30), key.getRevocationDate().toInstant());
        assertNull(dv.getRevokedCertificate(new BigInteger("3c4d", 16)).getRevocationReason());
        assertNull(dv.getRevokedCertificate(new BigInteger("5e6f", 16)));
    }

    @Test
    void testSuccess_opensslVerifiesTheCrlAndShowsTheReason() throws Exception {
        revocations.issue("7f01", CaIds.DV, NOW, NOW.plus(Duration.ofDays(90)));
        revocations.revoke("7f01", RevocationReason.CESSATION_OF_OPERATION, NOW);
        Path file = dir.resolve("dv.crl");
        Files.write(file, started().current(CaIds.DV).orElseThrow().der());

        String text = Openssl.run(List.of("openssl", "crl", "-inform", "DER", "-in", file.toString(), "-text",
                "-noout", "-CAfile", dir.resolve("dv.pem").toString()));

        assertTrue(text.contains("verify OK"), text);
        assertTrue(text.contains("Serial Number: 7F01"), text);
        assertTrue(text.contains("Cessation Of Operation"), text);
        assertTrue(text.contains("Version 2"), text);
    }

    @Test
    void testSuccess_thisUpdateIsNowAndNextUpdateIs96HoursLater() throws Exception {
        SignedCrl crl = started().current(CaIds.DV).orElseThrow();
        X509CRL x = x509(crl);
        assertEquals(NOW, x.getThisUpdate().toInstant());
        assertEquals(NOW.plus(Duration.ofHours(96)), x.getNextUpdate().toInstant());
        assertEquals(crl.nextUpdate(), x.getNextUpdate().toInstant());
    }

    @Test
    void testSuccess_akiIsTheIssuingCaSkiAndNoIdpOnAFullCrl() throws Exception {
        X509CRLHolder crl = new X509CRLHolder(started().current(CaIds.DV).orElseThrow().der());
        byte[] ski = SubjectKeyIdentifier.getInstance(new X509CertificateHolder(ca.certificate(CaIds.DV).der())
                .getExtension(Extension.subjectKeyIdentifier).getParsedValue()).getKeyIdentifier();
        assertArrayEquals(ski, AuthorityKeyIdentifier.getInstance(
                crl.getExtension(Extension.authorityKeyIdentifier).getParsedValue()).getKeyIdentifierOctets());
        assertFalse(crl.getExtension(Extension.cRLNumber).isCritical());
        assertNull(crl.getExtension(Extension.issuingDistributionPoint));
    }

    @Test
    void testSuccess_aNewCrlEvery24HoursWhetherOrNotAnythingChanged() throws Exception {
        CrlPublisher p = started();
        long first = p.current(CaIds.DV).orElseThrow().number();

        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertEquals(List.of(), Await.result(p.tick()));
        assertEquals(first, p.current(CaIds.DV).orElseThrow().number());

        clock.advance(Duration.ofMinutes(1));
        List<SignedCrl> published = Await.result(p.tick());
        assertEquals(3, published.size(), "dv, ov and the root");
        SignedCrl second = p.current(CaIds.DV).orElseThrow();
        assertEquals(first + 1, second.number());
        assertEquals(NOW.plus(Duration.ofHours(24)), second.thisUpdate());
        assertEquals(NOW.plus(Duration.ofHours(24 + 96)), second.nextUpdate());

        clock.advance(Duration.ofHours(24));
        Await.result(p.tick());
        assertEquals(first + 2, p.current(CaIds.DV).orElseThrow().number());
    }

    @Test
    void testSuccess_aRevocationRecordedElsewhereBringsANewCrlAtTheNextCheck() throws Exception {
        CrlPublisher p = started();
        revocations.issue("abcd", CaIds.OV, NOW, NOW.plus(Duration.ofDays(90)));
        clock.advance(Duration.ofSeconds(10));
        revocations.revoke("abcd", RevocationReason.SUPERSEDED, clock.instant());

        List<SignedCrl> published = Await.result(p.tick());

        assertEquals(List.of(CaIds.OV), published.stream().map(SignedCrl::caId).toList());
        assertNotNull(x509(p.current(CaIds.OV).orElseThrow()).getRevokedCertificate(new BigInteger("abcd", 16)));
        assertEquals(List.of(), Await.result(p.tick()));
    }

    @Test
    void testSuccess_expiredEntriesStayForTheGraceThenLeave() throws Exception {
        revocations.issue("e1", CaIds.DV, NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofHours(1)));
        revocations.revoke("e1", RevocationReason.SUPERSEDED, NOW.minus(Duration.ofDays(1)));
        CrlPublisher p = started();
        assertEquals(1, p.current(CaIds.DV).orElseThrow().entries());

        clock.advance(Duration.ofHours(25));
        Await.result(p.tick());
        assertEquals(1, p.current(CaIds.DV).orElseThrow().entries(), "on the first scheduled CRL after expiry");

        clock.advance(Duration.ofHours(24));
        Await.result(p.tick());
        assertEquals(0, p.current(CaIds.DV).orElseThrow().entries());
    }

    @Test
    void testSuccess_crlNumbersOnlyGoUp() throws Exception {
        CrlPublisher p = started();
        long previous = p.current(CaIds.DV).orElseThrow().number();
        for (int i = 0; i < 3; i++) {
            Await.result(p.publishNow(CaIds.DV));
            long n = p.current(CaIds.DV).orElseThrow().number();
            assertTrue(n > previous, n + " after " + previous);
            previous = n;
        }
    }

    @Test
    void testSuccess_aBurstOfRevocationsIsCoalescedIntoFewCrls() {
        CountingSigner counting = new CountingSigner(ca.signer());
        publisher = new CrlPublisher(ca.vertx(), counting, ca.certificates(), revocations, revocations, URLS,
                CrlSchedule.defaults().withPollEvery(Duration.ofDays(1)), clock);
        Await.result(publisher.start());
        int before = counting.signatures();

        List<io.vertx.core.Future<List<SignedCrl>>> burst =
                IntStream.range(0, 50).mapToObj(i -> publisher.publishNow(CaIds.DV)).toList();
        burst.forEach(Await::result);

        assertTrue(counting.signatures() - before <= 2, "signed " + (counting.signatures() - before) + " CRLs");
    }

    @Test
    void testSuccess_shardsCarryACriticalIdpNamingTheirOwnUrl() throws Exception {
        CrlPublisher p = publisher(CrlSchedule.defaults().withShards(4));
        IntStream.range(1, 41).forEach(i -> {
            String serial = Integer.toHexString(i);
            revocations.issue(serial, CaIds.DV, NOW, NOW.plus(Duration.ofDays(90)));
            revocations.revoke(serial, RevocationReason.SUPERSEDED, NOW);
        });
        Await.result(p.start());

        int total = 0;
        for (int shard = 0; shard < 4; shard++) {
            SignedCrl crl = p.current(CaIds.DV, shard).orElseThrow();
            X509CRLHolder holder = new X509CRLHolder(crl.der());
            Extension idp = holder.getExtension(Extension.issuingDistributionPoint);
            assertTrue(idp.isCritical());
            assertTrue(IssuingDistributionPoint.getInstance(idp.getParsedValue()).toString()
                    .contains(URLS.crl(CaIds.DV, shard)));
            for (X509CRLEntry e : x509(crl).getRevokedCertificates()) {
                assertEquals(shard, CrlShards.shardOf(e.getSerialNumber().toString(16), 4));
            }
            total += crl.entries();
        }
        assertEquals(40, total);
    }

    /** Issue 14 finding 6: certificates issued before the CA was sharded name the full CRL; it never 404s. */
    @Test
    void testSuccess_crlShards_theFullCrlIsPublishedBesideTheShards() throws Exception {
        CrlPublisher p = publisher(CrlSchedule.defaults().withShards(4));
        IntStream.range(1, 11).forEach(i -> {
            String serial = Integer.toHexString(i);
            revocations.issue(serial, CaIds.DV, NOW, NOW.plus(Duration.ofDays(90)));
            revocations.revoke(serial, RevocationReason.SUPERSEDED, NOW);
        });
        Await.result(p.start());

        SignedCrl full = p.current(CaIds.DV).orElseThrow();
        assertEquals(10, x509(full).getRevokedCertificates().size());
        assertNull(new X509CRLHolder(full.der()).getExtension(Extension.issuingDistributionPoint),
                "the full CRL covers every certificate, so it has no IDP");
        x509(full).verify(caCert(CaIds.DV).getPublicKey());
    }
}
