package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriverTest extends EmbeddedStoreTest {
    @Test
    void testSuccess_resultsArriveOnTheCallersEventLoop() {
        Context context = vertx.getOrCreateContext();
        Promise<Context> seen = Promise.promise();
        context.runOnContext(v -> stores.accounts().byId(newId("acct")).onComplete(
                ar -> seen.complete(Vertx.currentContext()), seen::fail));
        Context callbackContext = await(seen.future());
        assertSame(context, callbackContext);
        assertTrue(callbackContext.isEventLoopContext());
    }

    @Test
    void testSuccess_emptyPublisherGivesEmptyOptional() {
        Driver driver = new Driver(vertx);
        assertEquals(Optional.empty(), await(driver.first(
                storage.database().getCollection("empty-" + newId("c")).find().first())));
    }
}
