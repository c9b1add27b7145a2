package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.port.AccountStore;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An account is read once per HTTP request and never remembered past it: requests one after the other on the same
 * keep-alive connection each read it afresh, as requests to different front ends would.
 */
@Timeout(60)
class RequestAccountsTest extends EmbeddedStoreTest {
    private final AccountStore accounts = stores.accounts();
    private HttpServer server;
    private HttpClient client;

    private static Account account() {
        String id = newId("acct");
        return new Account(id, "{\"kty\":\"EC\",\"id\":\"" + id + "\"}", "thumb-" + id,
                List.of("mailto:ops@example.jp"), AccountStatus.VALID, true, null, T0);
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

    /** A server whose one route answers what {@code handler} makes of the request, and a one-connection client. */
    private void serve(Function<HttpServerRequest, Future<String>> handler) {
        server = await(vertx.createHttpServer().requestHandler(req -> handler.apply(req).onComplete(ar -> req.response()
                .end(ar.succeeded() ? ar.result() : "failed: " + ar.cause()))).listen(0, "127.0.0.1"));
        client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(1));
    }

    private String get(String path) {
        return await(client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", path)
                .compose(r -> r.send().compose(HttpClientResponse::body))).toString();
    }

    /** Changes an account as another request (or front end) would: from outside this request, which then goes on. */
    private Future<Void> elsewhere(Runnable change) {
        return Future.fromCompletionStage(CompletableFuture.runAsync(change), vertx.getOrCreateContext());
    }

    private String status(Optional<Account> a) {
        return a.map(x -> x.status().wire()).orElse("none");
    }

    @Test
    void testSuccess_aRequestKeepsTheAccountItReadWhileTheNextRequestReadsItAgain() {
        Account a = account();
        await(accounts.insert(a));
        serve(req -> accounts.byId(a.id()).compose(first -> {
            if (!req.path().equals("/twice")) {
                return Future.succeededFuture(status(first));
            }
            return elsewhere(() -> await(accounts.transition(a.id(), AccountStatus.VALID, AccountStatus.DEACTIVATED)))
                    .compose(v -> accounts.byId(a.id()))
                    .map(second -> status(first) + " " + status(second));
        }));

        assertEquals("valid valid", get("/twice"), "within one request the account read first holds");
        assertEquals("deactivated", get("/once"), "the next request on the same connection reads it again");
        assertEquals("deactivated", status(await(accounts.byId(a.id()))), "outside a request every read is fresh");
    }

    @Test
    void testSuccess_aWriteInTheRequestIsSeenByItsNextRead() {
        Account a = account();
        await(accounts.insert(a));
        serve(req -> accounts.byId(a.id())
                .compose(first -> accounts.updateContacts(a.id(), List.of("mailto:new@example.jp")))
                .compose(updated -> accounts.byId(a.id()))
                .map(after -> String.join(",", after.orElseThrow().contacts())));

        assertEquals("mailto:new@example.jp", get("/"));
    }
}
