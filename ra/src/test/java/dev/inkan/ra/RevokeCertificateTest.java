package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.CertificateAuthority.IssuanceRequest;
import dev.inkan.core.port.RegistrationAuthority.RevocationRequest;
import dev.inkan.ra.fake.TestKeys;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RevokeCertificateTest extends RaTestBase {
    private Account owner;
    private CertificateRecord cert;

    @BeforeEach
    void issue() throws Exception {
        owner = newAccount();
        Order order = newOrder(owner, "example.com", "www.example.com");
        validate(owner, order);
        await(ra.finalizeOrder(owner.id(), order.id(),
                TestKeys.csr(TestKeys.ec("secp256r1"), null, List.of("example.com", "www.example.com"))));
        await(ra.drain());
        cert = certificates.get(order(order.id()).certificateSerial());
    }

    private RevocationRequest byAccount(Account account, RevocationReason reason) {
        return new RevocationRequest(cert.der(), reason, account.id(), false);
    }

    private RevocationRequest byKey(RevocationReason reason) {
        return new RevocationRequest(cert.der(), reason, null, true);
    }

    @Test
    void testSuccess_orderingAccountRevokes() throws Exception {
        await(ra.revokeCertificate(byAccount(owner, null)));
        CertificateRecord revoked = certificates.get(cert.serial());
        assertEquals(CertificateStatus.REVOKED, revoked.status());
        assertEquals(RevocationReason.UNSPECIFIED, revoked.revocationReason());
        assertEquals(START, revoked.revokedAt());
        assertTrue(audit.types().contains("certificate.revoked"));
    }

    @Test
    void testSuccess_certificateKeyRevokesForKeyCompromise() throws Exception {
        await(ra.revokeCertificate(byKey(RevocationReason.KEY_COMPROMISE)));
        assertEquals(RevocationReason.KEY_COMPROMISE, certificates.get(cert.serial()).revocationReason());
    }

    @Test
    void testFailure_otherAccountWithoutAuthorizationsIsUnauthorized() throws Exception {
        failure(ErrorKind.UNAUTHORIZED, ra.revokeCertificate(byAccount(newAccount(), RevocationReason.SUPERSEDED)));
        assertEquals(CertificateStatus.ISSUED, certificates.get(cert.serial()).status());
    }

    @Test
    void testFailure_otherAccountWithSomeAuthorizationsIsUnauthorized() throws Exception {
        Account other = newAccount();
        validate(other, newOrder(other, "example.com"));
        failure(ErrorKind.UNAUTHORIZED, ra.revokeCertificate(byAccount(other, RevocationReason.SUPERSEDED)));
    }

    @Test
    void testSuccess_otherAccountWithEveryAuthorizationRevokes() throws Exception {
        Account other = newAccount();
        validate(other, newOrder(other, "example.com", "www.example.com"));
        await(ra.revokeCertificate(byAccount(other, RevocationReason.CESSATION_OF_OPERATION)));
        assertEquals(CertificateStatus.REVOKED, certificates.get(cert.serial()).status());
    }

    @Test
    void testFailure_keyCompromiseByAccountIsBadReason() throws Exception {
        failure(ErrorKind.BAD_REVOCATION_REASON, ra.revokeCertificate(byAccount(owner, RevocationReason.KEY_COMPROMISE)));
        assertEquals(CertificateStatus.ISSUED, certificates.get(cert.serial()).status());
    }

    @Test
    void testFailure_privilegeWithdrawnIsNotASubscriberReason() {
        failure(ErrorKind.BAD_REVOCATION_REASON, ra.revokeCertificate(byKey(RevocationReason.PRIVILEGE_WITHDRAWN)));
    }

    @Test
    void testFailure_alreadyRevoked() throws Exception {
        await(ra.revokeCertificate(byAccount(owner, RevocationReason.SUPERSEDED)));
        failure(ErrorKind.ALREADY_REVOKED, ra.revokeCertificate(byKey(RevocationReason.CESSATION_OF_OPERATION)));
        failure(ErrorKind.ALREADY_REVOKED, ra.revokeCertificate(byAccount(owner, RevocationReason.UNSPECIFIED)));
    }

    @Test
    void testFailure_keyCompromiseTwiceIsAlreadyRevoked() throws Exception {
        await(ra.revokeCertificate(byKey(RevocationReason.KEY_COMPROMISE)));
        failure(ErrorKind.ALREADY_REVOKED, ra.revokeCertificate(byKey(RevocationReason.KEY_COMPROMISE)));
    }

    @Test
    void testFailure_certificateNotIssuedHereIsNotFound() {
        CertificateRecord foreign = new dev.inkan.ra.fake.FakeCertificateAuthority(
                new dev.inkan.ra.fake.InMemoryCertificateStore(), clock).sign(new IssuanceRequest(
                        "o", owner.id(), "dv", TestKeys.ec("secp256r1").getPublic().getEncoded(), List.of("example.com")));
        failure(ErrorKind.NOT_FOUND, ra.revokeCertificate(new RevocationRequest(foreign.der(), null, null, true)));
    }

    @Test
    void testFailure_garbageIsMalformed() {
        failure(ErrorKind.MALFORMED, ra.revokeCertificate(new RevocationRequest(new byte[] {9, 9}, null, owner.id(), false)));
    }
}
