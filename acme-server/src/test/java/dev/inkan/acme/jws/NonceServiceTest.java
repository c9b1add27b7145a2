package dev.inkan.acme.jws;

import static dev.inkan.acme.AcmeServerTestBase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.InMemoryNonceStore;
import dev.inkan.acme.problem.ProblemException;
import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NonceServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    private final InMemoryNonceStore store = new InMemoryNonceStore();
    private Vertx vertx;
    private NonceService replicaA;
    private NonceService replicaB;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        replicaA = await(NonceService.start(vertx, store, clock, Duration.ofHours(1)));
        replicaB = await(NonceService.start(vertx, store, clock, Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        replicaA.close();
        replicaB.close();
        await(vertx.close());
    }

    private static String refusal(Future<Void> redemption) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> redemption.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        ProblemException problem = (ProblemException) e.getCause();
        assertEquals("urn:ietf:params:acme:error:badNonce", problem.document().type());
        return problem.document().detail();
    }

    @Test
    void testSuccess_nonceRedeemsOnTheReplicaThatIssuedItWithoutAStoreWrite() {
        await(replicaA.redeem(replicaA.issue()));
        assertEquals(0, store.redeemedCount());
    }

    @Test
    void testFailure_nonceOfAnotherReplicaIsBadNonce() {
        assertTrue(refusal(replicaB.redeem(replicaA.issue())).contains("another replica"));
    }

    @Test
    void testFailure_nonceRedeemsOnlyOnce() {
        String nonce = replicaA.issue();
        await(replicaA.redeem(nonce));

        assertTrue(refusal(replicaA.redeem(nonce)).contains("already been used"));
    }

    @Test
    void testFailure_nonceFromBeforeARestartIsBadNonce() {
        String nonce = replicaA.issue();
        NonceService restarted = await(NonceService.start(vertx, store, clock, Duration.ofHours(1)));

        assertTrue(refusal(restarted.redeem(nonce)).contains("before a restart"));
    }

    @Test
    void testFailure_expiredNonceIsRefused() {
        String nonce = replicaA.issue();
        clock.advance(Duration.ofHours(1));

        assertTrue(refusal(replicaA.redeem(nonce)).contains("expired"));
        assertEquals(0, store.redeemedCount());
    }

    @Test
    void testSuccess_nonceJustInsideItsLifetimeRedeems() {
        String nonce = replicaA.issue();
        clock.advance(Duration.ofMinutes(59));

        await(replicaA.redeem(nonce));
    }

    @Test
    void testFailure_tamperedNonceIsRefused() {
        char[] chars = replicaA.issue().toCharArray();
        chars[3] = chars[3] == 'A' ? 'B' : 'A';

        assertTrue(refusal(replicaA.redeem(new String(chars))).contains("not issued by this server"));
    }

    @Test
    void testFailure_nonceOfAnotherKeyIsRefused() {
        NonceService stranger = await(NonceService.start(vertx, new InMemoryNonceStore(), clock, Duration.ofHours(1)));
        try {
            assertTrue(refusal(replicaA.redeem(stranger.issue())).contains("not issued by this server"));
        } finally {
            stranger.close();
        }
    }

    @Test
    void testFailure_missingNonceIsRefused() {
        assertTrue(refusal(replicaA.redeem(null)).contains("no nonce"));
        assertTrue(refusal(replicaA.redeem(42)).contains("no nonce"));
    }

    /** Replicas that reach each other directly, as the front ends' internal endpoint does over HTTP. */
    private NonceIssuers reaching(NonceService... replicas) {
        return (prefix, nonce) -> {
            for (NonceService r : replicas) {
                if (r.prefix().equals(prefix)) {
                    return Future.succeededFuture(r.redeemOwn(nonce));
                }
            }
            return Future.succeededFuture(false);
        };
    }

    @Test
    void testSuccess_nonceOfAnotherReplicaIsRedeemedAtThatReplica() {
        replicaB.redeemOthersThrough(reaching(replicaA));

        await(replicaB.redeem(replicaA.issue()));
    }

    @Test
    void testFailure_nonceRedeemedAtItsIssuerIsRefusedWhenSentOnByAnother() {
        replicaB.redeemOthersThrough(reaching(replicaA));
        String nonce = replicaA.issue();
        await(replicaA.redeem(nonce));

        assertTrue(refusal(replicaB.redeem(nonce)).contains("another replica"));
    }

    @Test
    void testFailure_nonceSentOnRedeemsOnceAcrossReplicas() {
        replicaA.redeemOthersThrough(reaching(replicaB));
        String nonce = replicaB.issue();
        await(replicaA.redeem(nonce));

        assertTrue(refusal(replicaB.redeem(nonce)).contains("already been used"));
    }

    @Test
    void testFailure_nonceOfAReplicaThatIsGoneIsBadNonce() {
        replicaB.redeemOthersThrough(reaching());

        assertTrue(refusal(replicaB.redeem(replicaA.issue())).contains("is gone"));
    }

    @Test
    void testFailure_unreachableIssuerIsBadNonce() {
        replicaB.redeemOthersThrough((prefix, nonce) -> Future.failedFuture(new java.io.IOException("refused")));

        assertTrue(refusal(replicaB.redeem(replicaA.issue())).contains("retry with the nonce of this answer"));
    }

    @Test
    void testFailure_aReplicaRedeemsOnlyItsOwnNoncesForOthers() {
        assertFalse(replicaB.redeemOwn(replicaA.issue()));
    }

    @Test
    void testSuccess_replicasOfOneKeyShareTheRedemptionToken() {
        assertEquals(replicaA.redemptionToken(), replicaB.redemptionToken());
        NonceService stranger = await(NonceService.start(vertx, new InMemoryNonceStore(), clock, Duration.ofHours(1)));
        assertNotEquals(replicaA.redemptionToken(), stranger.redemptionToken());
    }
}
