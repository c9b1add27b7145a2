package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.AuthorizationStore;
import dev.inkan.core.port.OrderStore;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An order (and an authorization, {@link RequestAuthorizations}) is read once per HTTP request (finalize's handler, rate-limit check and ownership check share the read),
 * never remembered past the request, and read afresh after any write through the store, moved or not.
 */
@Timeout(60)
class RequestOrdersTest extends EmbeddedStoreTest {
    private final OrderStore orders = stores.orders();
    private final AuthorizationStore authorizations = stores.authorizations();
    private HttpServer server;
    private HttpClient client;

    private static Order pending() {
        return new Order(newId("order"), newId("acct"), OrderStatus.PENDING, T0.plus(Duration.ofDays(7)),
                List.of(Identifier.dns("www.example.jp")), null, null, List.of(newId("authz")), "dv", null, null, T0, T0);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            await(client.close());
        }
        if (server != null) {
            await(server.close());
        }
    }

    private void serve(Function<HttpServerRequest, Future<String>> handler) {
        server = await(vertx.createHttpServer().requestHandler(req -> handler.apply(req).onComplete(ar -> req.response()
                .end(ar.succeeded() ? ar.result() : "failed: " + ar.cause()))).listen(0, "127.0.0.1"));
        client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(1));
    }

    private String get(String path) {
        return await(client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", path)
                .compose(r -> r.send().compose(HttpClientResponse::body))).toString();
    }

    private static String status(Optional<Order> o) {
        return o.map(x -> x.status().name()).orElse("none");
    }

    private static long orderReads() {
        return storage.calls().snapshot().getOrDefault("orders find", 0L);
    }

    @Test
    void testSuccess_threeReadsInOneRequestAreOneCallToTheStore() {
        Order o = await(orders.insert(pending()));
        serve(req -> orders.byId(o.id()).compose(a -> orders.byId(o.id())).compose(b -> orders.byId(o.id()))
                .map(RequestOrdersTest::status));
        long before = orderReads();
        assertEquals("PENDING", get("/"));
        assertEquals(1L, orderReads() - before);
        assertEquals("PENDING", get("/"));
        assertEquals(2L, orderReads() - before, "the next request on the same connection reads it again");
    }

    @Test
    void testSuccess_aReadAfterAConditionalUpdateThatMovedNothingGoesToTheStore() {
        Order o = await(orders.insert(pending()));
        serve(req -> orders.byId(o.id())
                // another front end moved it meanwhile: this request's update from PENDING changes nothing
                .compose(first -> Future.fromCompletionStage(CompletableFuture.runAsync(() -> await(
                        orders.transition(o.id(), OrderStatus.PENDING, OrderStatus.READY, T0))), vertx.getOrCreateContext())
                        .compose(v -> orders.transition(o.id(), OrderStatus.PENDING, OrderStatus.READY, T0))
                        .compose(moved -> orders.byId(o.id()))
                        .map(after -> status(first) + " " + status(after))));
        assertEquals("PENDING READY", get("/"));
    }

    @Test
    void testSuccess_anAuthorizationIsReadOnceInARequestAndAfreshAfterItsChallengeIsClaimed() {
        Authorization a = new Authorization(newId("authz"), newId("acct"), Identifier.dns("www.example.jp"), false,
                AuthorizationStatus.PENDING, T0.plus(Duration.ofDays(7)), List.of(new Challenge("c1", Challenge.HTTP_01,
                        "tok-1", ChallengeStatus.PENDING, null, null, List.of())), T0);
        await(authorizations.insertAll(List.of(a)));
        serve(req -> authorizations.byId(a.id()).compose(first -> authorizations.byId(a.id()))
                .compose(second -> authorizations.startChallenge(a.id(), "c1", T0.plusSeconds(60)))
                .compose(claimed -> authorizations.byId(a.id()))
                .map(after -> after.orElseThrow().challenges().get(0).status().name()));
        long before = storage.calls().snapshot().getOrDefault("authorizations find", 0L);
        assertEquals("PROCESSING", get("/"));
        assertEquals(2L, storage.calls().snapshot().getOrDefault("authorizations find", 0L) - before,
                "one read before the claim, one after it");
    }

    @Test
    void testSuccess_outsideARequestEveryReadGoesToTheStore() {
        Order o = await(orders.insert(pending()));
        long before = orderReads();
        await(orders.byId(o.id()));
        await(orders.byId(o.id()));
        assertEquals(2L, orderReads() - before);
    }
}
