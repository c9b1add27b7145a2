package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.CertificateAuthority.IssuanceRequest;
import dev.inkan.ra.fake.TestKeys;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FinalizeOrderTest extends RaTestBase {
    private final KeyPair accountKey = TestKeys.freshEc();
    private final KeyPair certKey = TestKeys.ec("secp256r1");

    private Account account;
    private Order ready;

    private void readyOrder(String... names) throws Exception {
        account = newAccount(accountKey);
        Order order = newOrder(account, names);
        validate(account, order);
        ready = order(order.id());
        assertEquals(OrderStatus.READY, ready.status());
    }

    private byte[] csr(KeyPair key, String... names) {
        return TestKeys.csr(key, null, List.of(names));
    }

    @Test
    void testSuccess_finalizeAnswersProcessingThenIssues() throws Exception {
        readyOrder("example.com", "www.example.com");
        Order processing = await(ra.finalizeOrder(account.id(), ready.id(),
                TestKeys.csr(certKey, "www.example.com", List.of("example.com", "www.example.com"))));
        assertEquals(OrderStatus.PROCESSING, processing.status());
        await(ra.drain());
        Order valid = order(ready.id());
        assertEquals(OrderStatus.VALID, valid.status());
        assertNotNull(valid.certificateSerial());
        assertEquals(CertificateStatus.ISSUED, certificates.get(valid.certificateSerial()).status());
        IssuanceRequest request = ca.requests().get(0);
        assertEquals("dv", request.profile());
        assertEquals(account.id(), request.accountId());
        assertEquals(List.of("www.example.com", "example.com"), request.dnsNames());
        assertArrayEquals(certKey.getPublic().getEncoded(), request.subjectPublicKeyInfo());
        assertTrue(audit.types().containsAll(List.of("order.finalized", "certificate.issued")));
    }

    @Test
    void testSuccess_withABudgetFinalizeAnswersWithTheIssuedOrder() throws Exception {
        readyOrder("example.com");
        ra.finalizeSynchronouslyWithin(Duration.ofSeconds(10));
        Order answered = await(ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com")));
        assertEquals(OrderStatus.VALID, answered.status());
        assertNotNull(answered.certificateSerial());
    }

    @Test
    void testSuccess_withABudgetAFailedIssuanceAnswersInvalidWithItsProblem() throws Exception {
        readyOrder("example.com");
        ra.finalizeSynchronouslyWithin(Duration.ofSeconds(10));
        ca.failWith(new CaException(ErrorKind.CAA, "CAA record for example.com forbids issuance"));
        Order answered = await(ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com")));
        assertEquals(OrderStatus.INVALID, answered.status());
        assertEquals(ErrorKind.CAA, answered.error().kind());
    }

    @Test
    void testSuccess_issuanceSlowerThanTheBudgetAnswersProcessing() throws Exception {
        readyOrder("example.com");
        ra.finalizeSynchronouslyWithin(Duration.ofMillis(200));
        ca.hold();
        Order answered = await(ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com")));
        assertEquals(OrderStatus.PROCESSING, answered.status());
        ca.release();
        await(ra.drain());
        assertEquals(OrderStatus.VALID, order(ready.id()).status());
    }

    @Test
    void testFailure_caFailureMakesOrderInvalidWithItsProblem() throws Exception {
        readyOrder("example.com");
        ca.failWith(new CaException(ErrorKind.CAA, "CAA record for example.com forbids issuance"));
        await(ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com")));
        await(ra.drain());
        Order failed = order(ready.id());
        assertEquals(OrderStatus.INVALID, failed.status());
        assertEquals(ErrorKind.CAA, failed.error().kind());
        assertNull(failed.certificateSerial());
        assertTrue(audit.types().contains("issuance.failed"));
    }

    @Test
    void testFailure_unexpectedCaErrorIsRecordedAsServerInternal() throws Exception {
        readyOrder("example.com");
        ca.failWith(new IllegalStateException("HSM session closed"));
        await(ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com")));
        await(ra.drain());
        Order failed = order(ready.id());
        assertEquals(OrderStatus.INVALID, failed.status());
        assertEquals(ErrorKind.SERVER_INTERNAL, failed.error().kind());
        assertTrue(!failed.error().detail().contains("HSM"), "the cause stays in the log");
    }

    @Test
    void testFailure_pendingOrderIsNotReady() throws Exception {
        account = newAccount(accountKey);
        Order pending = newOrder(account, "example.com");
        failure(ErrorKind.ORDER_NOT_READY, ra.finalizeOrder(account.id(), pending.id(), csr(certKey, "example.com")));
    }

    @Test
    void testSuccess_pendingOrderWhoseAuthorizationsAreAllValidIsPromotedAndFinalized() throws Exception {
        // A client that finalizes as soon as it sees its last authorization valid may beat the order's own
        // move to READY: the order is still PENDING while every authorization is VALID.
        readyOrder("example.com");
        assertTrue(await(orders.transition(ready.id(), OrderStatus.READY, OrderStatus.PENDING, clock.instant())).isPresent());
        Order processing = await(ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com")));
        assertEquals(OrderStatus.PROCESSING, processing.status());
        await(ra.drain());
        assertEquals(OrderStatus.VALID, order(ready.id()).status());
    }

    @Test
    void testFailure_finalizingTwiceIsNotReady() throws Exception {
        readyOrder("example.com");
        await(ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com")));
        await(ra.drain());
        failure(ErrorKind.ORDER_NOT_READY, ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com")));
        assertEquals(1, ca.requests().size());
    }

    @Test
    void testFailure_expiredOrderIsNotReady() throws Exception {
        readyOrder("example.com");
        clock.advance(Duration.ofDays(8));
        failure(ErrorKind.ORDER_NOT_READY, ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com")));
    }

    @Test
    void testFailure_otherAccountsOrderIsNotFound() throws Exception {
        readyOrder("example.com");
        Account other = newAccount();
        failure(ErrorKind.NOT_FOUND, ra.finalizeOrder(other.id(), ready.id(), csr(certKey, "example.com")));
    }

    @Test
    void testFailure_wrongNamesLeaveOrderReady() throws Exception {
        readyOrder("example.com", "www.example.com");
        CaException e = failure(ErrorKind.BAD_CSR,
                ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com", "mail.example.com")));
        assertTrue(e.detail().contains("missing from the CSR: [www.example.com]"), e.detail());
        assertTrue(e.detail().contains("not in the order: [mail.example.com]"), e.detail());
        assertEquals(OrderStatus.READY, order(ready.id()).status());
    }

    @Test
    void testFailure_extraNameIsRefused() throws Exception {
        readyOrder("example.com");
        failure(ErrorKind.BAD_CSR,
                ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com", "extra.example.com")));
    }

    @Test
    void testFailure_rsa1024IsRefused() throws Exception {
        readyOrder("example.com");
        failure(ErrorKind.BAD_PUBLIC_KEY,
                ra.finalizeOrder(account.id(), ready.id(), csr(TestKeys.rsa(1024), "example.com")));
    }

    @Test
    void testFailure_p521IsRefused() throws Exception {
        readyOrder("example.com");
        failure(ErrorKind.BAD_PUBLIC_KEY,
                ra.finalizeOrder(account.id(), ready.id(), csr(TestKeys.ec("secp521r1"), "example.com")));
    }

    @Test
    void testFailure_badSignatureIsRefused() throws Exception {
        readyOrder("example.com");
        byte[] der = csr(certKey, "example.com");
        der[der.length - 5] ^= 0x01;
        failure(ErrorKind.BAD_CSR, ra.finalizeOrder(account.id(), ready.id(), der));
    }

    @Test
    void testFailure_accountKeyAsCertificateKeyIsRefused() throws Exception {
        readyOrder("example.com");
        CaException e = failure(ErrorKind.BAD_CSR,
                ra.finalizeOrder(account.id(), ready.id(), csr(accountKey, "example.com")));
        assertTrue(e.detail().contains("account key"));
        assertEquals(OrderStatus.READY, order(ready.id()).status());
    }

    @Test
    void testFailure_unparseableCsr() throws Exception {
        readyOrder("example.com");
        assertTrue(failure(ErrorKind.BAD_CSR, ra.finalizeOrder(account.id(), ready.id(), new byte[] {1, 2, 3}))
                .detail().contains("could not parse CSR"));
    }

    @Test
    void testFailure_deactivatedAuthorizationStopsFinalize() throws Exception {
        readyOrder("example.com");
        await(ra.deactivateAuthorization(account.id(), ready.authorizationIds().get(0)));
        failure(ErrorKind.ORDER_NOT_READY, ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com")));
    }

    @Test
    void testSuccess_interruptedIssuanceIsFailedByRecovery() throws Exception {
        readyOrder("example.com");
        ca.hold();
        await(ra.finalizeOrder(account.id(), ready.id(), csr(certKey, "example.com")));
        assertEquals(0, (int) await(ra.recoverInterruptedOrders(Duration.ofMinutes(10))));
        clock.advance(Duration.ofMinutes(11));
        assertEquals(1, (int) await(ra.recoverInterruptedOrders(Duration.ofMinutes(10))));
        Order failed = order(ready.id());
        assertEquals(OrderStatus.INVALID, failed.status());
        assertEquals(ErrorKind.SERVER_INTERNAL, failed.error().kind());
        assertEquals("issuance interrupted, please retry", failed.error().detail());
        ca.release(); // the late certificate does not revive the order
        await(ra.drain());
        assertEquals(OrderStatus.INVALID, order(ready.id()).status());
    }
}
