package dev.inkan.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.time.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real AcmeServer on 127.0.0.1 (an ephemeral port) over in-memory data and a fake RA. Any exception a
 * handler lets escape to Vert.x fails the test.
 */
public abstract class AcmeServerTestBase {
    public static final String BASE_URL = "https://acme.test";
    public static final String TERMS = "https://acme.test/terms/v1";

    protected final List<Throwable> stray = new CopyOnWriteArrayList<>();
    protected Vertx vertx;
    protected MutableClock clock;
    protected InMemoryAcmeData data;
    protected InMemoryNonceStore nonceStore;
    protected FakeRegistrationAuthority ra;
    protected AcmeServer acme;
    protected HttpServer server;
    protected AcmeTestClient client;

    /** The configuration under test; subclasses change it. */
    protected AcmeServerConfig config() {
        return AcmeServerConfig.defaults(BASE_URL).withTermsOfService(TERMS).withWebsite("https://acme.test/");
    }

    @BeforeEach
    void startServer() {
        vertx = Vertx.vertx();
        vertx.exceptionHandler(stray::add);
        clock = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
        data = new InMemoryAcmeData();
        nonceStore = new InMemoryNonceStore();
        ra = new FakeRegistrationAuthority(data, clock);
        acme = await(AcmeServer.start(vertx, config(), ra, data.readers(), nonceStore, clock));
        server = await(vertx.createHttpServer().requestHandler(acme.router()).listen(0, "127.0.0.1"));
        client = new AcmeTestClient("http://127.0.0.1:" + server.actualPort(), BASE_URL);
    }

    @AfterEach
    void stopServer() {
        acme.close();
        await(server.close());
        await(vertx.close());
        assertTrue(stray.isEmpty(), () -> "handlers threw: " + stray);
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts an RFC 8555 §6.7 problem with this status and type, and returns its JSON. */
    public static JsonObject assertProblem(HttpResponse<String> response, int status, String acmeType) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        JsonObject problem = new JsonObject(response.body());
        assertEquals("urn:ietf:params:acme:error:" + acmeType, problem.getString("type"), response.body());
        assertEquals(status, problem.getInteger("status"));
        assertTrue(problem.getString("detail") != null && !problem.getString("detail").isBlank());
        return problem;
    }

    public static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    public static List<String> links(HttpResponse<String> response) {
        return response.headers().allValues("Link");
    }
}
