package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.RegistrationAuthority.NewOrderRequest;
import dev.inkan.core.port.RegistrationAuthority.RenewalInfo;
import dev.inkan.ra.fake.FakeCertificateAuthority;
import dev.inkan.ra.fake.InMemoryStatus;
import dev.inkan.ra.fake.TestKeys;
import dev.inkan.ra.policy.AriCertId;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 9773: renewal windows and replacement orders. */
class RenewalInfoTest extends RaTestBase {
    private final InMemoryStatus status = new InMemoryStatus();
    private Account owner;
    private CertificateRecord cert;
    private String certId;

    @BeforeEach
    void issue() throws Exception {
        ra.connect(status.services());
        owner = newAccount();
        cert = issued(owner, "ari.example.com", "www.ari.example.com");
        certId = AriCertId.of(cert.der()).toString();
    }

    private CertificateRecord issued(Account account, String... names) throws Exception {
        Order order = newOrder(account, names);
        validate(account, order);
        await(ra.finalizeOrder(account.id(), order.id(), TestKeys.csr(TestKeys.ec("secp256r1"), null, List.of(names))));
        await(ra.drain());
        return certificates.get(order(order.id()).certificateSerial());
    }

    private NewOrderRequest request(Account account, String... names) {
        return new NewOrderRequest(account.id(), java.util.Arrays.stream(names).map(Identifier::dns).toList(),
                null, null, null);
    }

    @Test
    void testSuccess_certIdIsTheAkiAndTheSerialBytes() {
        AriCertId parsed = AriCertId.parse(certId);
        assertEquals(new BigInteger(cert.serial(), 16), parsed.serial());
        assertTrue(certId.startsWith("aYhba4dGQEHhs3uEe6CuLN4ByNQ."), certId);
        assertEquals(certId, parsed.toString());
    }

    @Test
    void testSuccess_aFreshCertificateRenewsInTheLastThirdOfItsLife() throws Exception {
        RenewalInfo info = await(ra.renewalInfo(certId));
        assertEquals(cert.notAfter().minus(Duration.ofDays(30)), info.start());
        assertEquals(cert.notAfter().minus(Duration.ofDays(15)), info.end());
        assertEquals(Duration.ofHours(6), info.retryAfter());
        assertNull(info.explanationUrl());
    }

    @Test
    void testSuccess_aRevokedCertificateRenewsNow() throws Exception {
        await(ra.staff().revoke(cert.serial(), RevocationReason.SUPERSEDED, "alice"));
        RenewalInfo info = await(ra.renewalInfo(certId));
        assertTrue(info.end().isBefore(clock.instant()));
        assertTrue(info.start().isBefore(info.end()));
        assertEquals("https://ca.example/incident", info.explanationUrl());
    }

    @Test
    void testSuccess_aFlaggedCertificateRenewsNowWithTheFlagsExplanation() throws Exception {
        await(ra.staff().flagForRenewal(cert.serial(), "https://ca.example/incident/42", "alice"));
        RenewalInfo info = await(ra.renewalInfo(certId));
        assertTrue(info.end().isBefore(clock.instant()));
        assertEquals("https://ca.example/incident/42", info.explanationUrl());
        assertTrue(audit.types().contains("certificate.renewal-flagged"));
    }

    @Test
    void testFailure_unknownOrMalformedCertIdsAreRefused() throws Exception {
        failure(ErrorKind.NOT_FOUND, ra.renewalInfo("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"));
        String otherAki = "AAAA." + certId.substring(certId.indexOf('.') + 1);
        failure(ErrorKind.NOT_FOUND, ra.renewalInfo(otherAki));
        failure(ErrorKind.MALFORMED, ra.renewalInfo("no-dot-here"));
        failure(ErrorKind.MALFORMED, ra.renewalInfo(certId + "=="));
    }

    @Test
    void testSuccess_aCertificateIsReplacedOnceThenAlreadyReplaced() throws Exception {
        Order first = await(ra.newOrder(request(owner, "ari.example.com"), certId));
        assertEquals(Optional.of(certId), await(ra.replacedBy(first.id())));

        failure(ErrorKind.ALREADY_REPLACED, ra.newOrder(request(owner, "ari.example.com"), certId));
        assertEquals(Optional.empty(), await(ra.replacedBy("no-such-order")));
    }

    @Test
    void testSuccess_aFailedReplacementOrderGivesItsClaimUp() throws Exception {
        Order first = await(ra.newOrder(request(owner, "www.ari.example.com"), certId));
        clock.advance(Duration.ofDays(8));
        assertTrue(order(first.id()).expires().isBefore(clock.instant()));

        Order second = await(ra.newOrder(request(owner, "www.ari.example.com"), certId));

        assertNotEquals(first.id(), second.id());
        assertEquals(Optional.of(certId), await(ra.replacedBy(second.id())));
    }

    @Test
    void testFailure_anotherAccountsCertificateOrNoSharedNameIsRefused() throws Exception {
        Account stranger = newAccount();
        failure(ErrorKind.UNAUTHORIZED, ra.newOrder(request(stranger, "ari.example.com"), certId));
        failure(ErrorKind.MALFORMED, ra.newOrder(request(owner, "elsewhere.example.com"), certId));
        failure(ErrorKind.MALFORMED, ra.newOrder(request(owner, "ari.example.com"), "AAAA.AQ"));
    }

    @Test
    void testSuccess_theFakeCaUsesTheRfcExampleKeyIdentifier() {
        assertEquals("aYhba4dGQEHhs3uEe6CuLN4ByNQ",
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(FakeCertificateAuthority.KEY_ID));
    }
}
