package dev.inkan.orderapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OrderApiContractTest {
    @Test
    void testContract_isAValidOpenApi31DocumentVertxOpenapiLoads() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            OpenAPIContract c = OpenAPIContract.from(vertx, OrderApi.validating(OrderApi.contract()))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(OpenAPIVersion.V3_1, c.getVersion());
            assertNotNull(c.operation("createOrder"));
        } finally {
            vertx.close();
        }
    }

    @Test
    void testValidating_keepsTheServedMediaTypesOutOfTheValidatorsCopyOnly() {
        JsonObject served = OrderApi.contract();
        JsonObject copy = OrderApi.validating(served);
        assertFalse(copy.encode().contains("application/problem+json"));
        assertFalse(copy.encode().contains("application/pem-certificate-chain"));
        assertNotNull(served.getJsonObject("components").getJsonObject("responses").getJsonObject("NotFound")
                .getJsonObject("content").getJsonObject("application/problem+json"));
    }
}
