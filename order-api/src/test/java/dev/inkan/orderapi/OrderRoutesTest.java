package dev.inkan.orderapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OrderRoutesTest {
    private static JsonArray choices(String... nameMethod) {
        JsonArray a = new JsonArray();
        for (int i = 0; i < nameMethod.length; i += 2) {
            a.add(new JsonObject().put("name", nameMethod[i]).put("method", nameMethod[i + 1]));
        }
        return a;
    }

    @Test
    void testNames_areLowercasedWithoutTrailingDotSortedAndUnique() {
        assertEquals(List.of("a.example.com", "b.example.com"),
                OrderRoutes.names(new JsonArray().add("B.Example.COM.").add("a.example.com").add("b.example.com")));
    }

    @Test
    void testMethods_oneMethodPerName() {
        assertEquals(Map.of("a.example.com", "http-01", "b.example.com", "dns-01"), OrderRoutes.methods(
                List.of("a.example.com", "b.example.com"), choices("A.example.com", "http-01", "b.example.com", "dns-01")));
    }

    @Test
    void testMethods_aNameWithoutAMethodIsRefused() {
        ApiException e = assertThrows(ApiException.class, () -> OrderRoutes.methods(
                List.of("a.example.com", "b.example.com"), choices("a.example.com", "dns-01")));
        assertEquals(422, e.problem().status());
    }

    @Test
    void testMethods_aWildcardNeedsDns01() {
        ApiException e = assertThrows(ApiException.class, () -> OrderRoutes.methods(
                List.of("*.example.com"), choices("*.example.com", "http-01")));
        assertEquals("urn:inkan:order-api:validationMismatch", e.problem().type());
    }

    @Test
    void testMethods_aMethodForANameNotOrderedIsRefused() {
        assertThrows(ApiException.class, () -> OrderRoutes.methods(List.of("a.example.com"),
                choices("a.example.com", "dns-01", "c.example.com", "dns-01")));
    }
}
