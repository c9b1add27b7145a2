package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.RegistrationAuthority.RevocationRequest;
import dev.inkan.ra.fake.InMemoryStatus;
import dev.inkan.ra.fake.TestKeys;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 finding 1 (BR 7.1.2.9, 4.9.10; Mozilla policy §5.4): when issuance stops after the precertificate was
 * signed, the serial is an issued certificate for revocation: the subscriber (with the precertificate), staff and
 * a keyCompromise that blocks the key can all revoke it.
 */
class SignedPrecertificateIsIssuedTest extends RaTestBase {
    private final InMemoryStatus status = new InMemoryStatus();
    private Account owner;
    private Order order;
    private CertificateRecord precertified;

    @BeforeEach
    void precertificateOnly() throws Exception {
        ra.connect(status.services());
        owner = newAccount();
        order = newOrder(owner, "precert.example.com");
        validate(owner, order);
        ca.stopAfterPrecertificate(new CaException(ErrorKind.SERVER_INTERNAL, "CT: 0 verified SCT(s)"));
        KeyPair key = TestKeys.ec("secp256r1");
        await(ra.finalizeOrder(owner.id(), order.id(), TestKeys.csr(key, null, List.of("precert.example.com"))));
        await(ra.drain());
        assertEquals(OrderStatus.INVALID, order(order.id()).status());
        precertified = certificates.all().stream().filter(c -> c.orderId().equals(order.id())).findFirst()
                .orElseThrow();
        assertEquals(CertificateStatus.PRECERTIFIED, precertified.status());
    }

    @Test
    void testSuccess_theSubscriberRevokesWithThePrecertificate() throws Exception {
        await(ra.revokeCertificate(new RevocationRequest(precertified.precertificateDer(),
                RevocationReason.CESSATION_OF_OPERATION, owner.id(), false)));

        CertificateRecord revoked = certificates.get(precertified.serial());
        assertEquals(CertificateStatus.REVOKED, revoked.status());
        assertEquals(RevocationReason.CESSATION_OF_OPERATION, revoked.revocationReason());
        assertEquals(1L, status.revocationCounts.get("dv").get(), "the CRL is told");
    }

    @Test
    void testSuccess_keyCompromiseWithThePrecertificateKeyBlocksTheKey() throws Exception {
        await(ra.revokeCertificate(new RevocationRequest(precertified.precertificateDer(),
                RevocationReason.KEY_COMPROMISE, null, true)));

        assertEquals(CertificateStatus.REVOKED, certificates.get(precertified.serial()).status());
        assertTrue(status.blocked.containsKey(precertified.spkiSha256()));
    }

    @Test
    void testSuccess_staffRevokesTheSerial() throws Exception {
        CertificateRecord revoked = await(ra.staff().revoke(precertified.serial(), RevocationReason.SUPERSEDED, "alice"));

        assertEquals(CertificateStatus.REVOKED, revoked.status());
        assertTrue(status.events.contains("revoked " + precertified.serial()));
    }
}
