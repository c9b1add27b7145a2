package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.port.NonceStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NonceStoreTest extends EmbeddedStoreTest {
    private final NonceStore nonces = stores.nonces();

    @Test
    void testSuccess_nonceRedeemsOnceThenIsRefused() {
        String nonce = newId("nonce");
        Instant expires = T0.plusSeconds(3600);
        assertTrue(await(nonces.redeem(nonce, expires)));
        assertFalse(await(nonces.redeem(nonce, expires)));
    }

    @Test
    void testSuccess_firstNonceKeyIsSharedByEveryone() {
        byte[] first = await(nonces.nonceKey(new byte[] {1, 2, 3, 4}));
        assertArrayEquals(first, await(nonces.nonceKey(new byte[] {9, 9, 9, 9})));
    }

    @Test
    void testSuccess_purgeForgetsOnlyExpiredNonces() {
        Instant farFuture = T0.plus(Duration.ofDays(36500));
        String expired = newId("nonce");
        String live = newId("nonce");
        await(nonces.redeem(expired, farFuture.minusSeconds(1)));
        await(nonces.redeem(live, farFuture.plusSeconds(1)));
        assertTrue(await(nonces.purgeExpired(farFuture)) >= 1);
        assertTrue(await(nonces.redeem(expired, farFuture)));
        assertFalse(await(nonces.redeem(live, farFuture)));
    }

    @Test
    void testSuccess_purgeWithNothingExpiredRemovesNothing() {
        assertEquals(0L, await(nonces.purgeExpired(Instant.EPOCH)));
    }
}
