package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.acme.AcmeServerConfig;
import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrdersListHandlerTest extends AcmeServerTestBase {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;rel=\"next\"");

    private PublicJsonWebKey key;
    private String kid;

    @Override
    protected AcmeServerConfig config() {
        return super.config().withOrdersPageSize(2);
    }

    @BeforeEach
    void registerAccountWithFiveOrders() {
        key = TestJws.ecKey();
        kid = client.newAccount(key);
        for (int i = 0; i < 5; i++) {
            JsonObject payload = new JsonObject().put("identifiers",
                    new JsonArray().add(new JsonObject().put("type", "dns").put("value", "n" + i + ".example.jp")));
            assertEquals(201, client.postSigned("/acme/new-order", key, kid, payload).statusCode());
        }
    }

    @Test
    void testSuccess_pagesFollowLinkRelNextToTheEnd() {
        List<String> all = new ArrayList<>();
        String path = client.pathOf(kid + "/orders");
        int pages = 0;
        while (path != null) {
            HttpResponse<String> r = client.postAsGet(path, key, kid);
            assertEquals(200, r.statusCode(), r.body());
            json(r).getJsonArray("orders").forEach(o -> all.add((String) o));
            pages++;
            path = nextPath(r);
        }

        assertEquals(3, pages);
        assertEquals(5, all.size());
        assertEquals(5, all.stream().distinct().count());
        assertTrue(all.stream().allMatch(u -> u.startsWith(BASE_URL + "/acme/order/")));
    }

    @Test
    void testSuccess_firstPageIsFullAndLinksNext() {
        HttpResponse<String> r = client.postAsGet(client.pathOf(kid + "/orders"), key, kid);

        assertEquals(2, json(r).getJsonArray("orders").size());
        assertTrue(nextPath(r).startsWith(client.pathOf(kid) + "/orders?cursor="));
    }

    @Test
    void testFailure_anotherAccountsOrdersAreRefused() {
        PublicJsonWebKey other = TestJws.ecKey();
        String otherKid = client.newAccount(other);

        assertProblem(client.postAsGet(client.pathOf(kid + "/orders"), other, otherKid), 403, "unauthorized");
    }

    private String nextPath(HttpResponse<String> r) {
        for (String link : links(r)) {
            Matcher m = NEXT.matcher(link);
            if (m.find()) {
                return client.pathOf(m.group(1));
            }
        }
        return null;
    }
}
