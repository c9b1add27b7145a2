package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.port.FrontEnds;
import dev.inkan.core.port.FrontEnds.FrontEnd;
import org.junit.jupiter.api.Test;

class FrontEndsTest extends EmbeddedStoreTest {
    private final FrontEnds frontEnds = storage.frontEnds();

    @Test
    void testAnnounce_isFoundByNoncePrefix() {
        String prefix = newId("prefix");
        await(frontEnds.announce(new FrontEnd(prefix, "http://10.0.0.1:9090", "fe1", T0)));

        assertEquals(new FrontEnd(prefix, "http://10.0.0.1:9090", "fe1", T0),
                await(frontEnds.byNoncePrefix(prefix)).orElseThrow());
    }

    @Test
    void testAnnounce_again_refreshesTheHeartbeat() {
        String prefix = newId("prefix");
        await(frontEnds.announce(new FrontEnd(prefix, "http://10.0.0.1:9090", "fe1", T0)));
        await(frontEnds.announce(new FrontEnd(prefix, "http://10.0.0.1:9090", "fe1", T0.plusSeconds(10))));

        assertEquals(T0.plusSeconds(10), await(frontEnds.byNoncePrefix(prefix)).orElseThrow().seenAt());
    }

    @Test
    void testWithdraw_forgetsTheFrontEnd() {
        String prefix = newId("prefix");
        await(frontEnds.announce(new FrontEnd(prefix, "http://10.0.0.1:9090", "fe1", T0)));
        await(frontEnds.withdraw(prefix));

        assertTrue(await(frontEnds.byNoncePrefix(prefix)).isEmpty());
    }
}
