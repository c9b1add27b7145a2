package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.TestJws;
import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Identifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The RA's refusals as clients see them (RFC 8555 §6.7, RFC 7807). */
class ProblemRenderingTest extends AcmeServerTestBase {
    private static final JsonObject ORDER = new JsonObject()
            .put("identifiers", new JsonArray().add(new JsonObject().put("type", "dns").put("value", "example.jp")));

    private PublicJsonWebKey key;
    private String kid;

    @BeforeEach
    void registerAccount() {
        key = TestJws.ecKey();
        kid = client.newAccount(key);
    }

    private HttpResponse<String> newOrderFailingWith(Throwable failure) {
        ra.failNextWith(failure);
        return client.postSigned("/acme/new-order", key, kid, ORDER);
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void testSuccess_everyErrorKindRendersWithItsTypeAndStatus(ErrorKind kind) {
        HttpResponse<String> r = newOrderFailingWith(new CaException(kind, "what to fix: " + kind));

        JsonObject problem = assertProblem(r, kind.httpStatus(), kind.acmeName());
        assertEquals(kind.typeUrn(), problem.getString("type"));
        assertEquals("what to fix: " + kind, problem.getString("detail"));
        assertEquals(List.of("Replay-Nonce", "Link"), List.of("Replay-Nonce", "Link").stream()
                .filter(h -> r.headers().firstValue(h).isPresent()).toList());
    }

    @Test
    void testSuccess_subproblemsCarryTheirIdentifiers() {
        Problem caa = new Problem(ErrorKind.CAA, "CAA forbids a.example.jp", Identifier.dns("a.example.jp"), List.of());
        Problem rejected = new Problem(ErrorKind.REJECTED_IDENTIFIER, "b.local is internal", Identifier.dns("b.local"),
                List.of());
        Problem compound = new Problem(ErrorKind.COMPOUND, "two names refused", null, List.of(caa, rejected));

        JsonObject problem = assertProblem(newOrderFailingWith(new CaException(compound)), 403, "compound");

        JsonArray subs = problem.getJsonArray("subproblems");
        assertEquals(2, subs.size());
        JsonObject first = subs.getJsonObject(0);
        assertEquals("urn:ietf:params:acme:error:caa", first.getString("type"));
        assertEquals("CAA forbids a.example.jp", first.getString("detail"));
        assertEquals(new JsonObject().put("type", "dns").put("value", "a.example.jp"), first.getJsonObject("identifier"));
        assertEquals("b.local", subs.getJsonObject(1).getJsonObject("identifier").getString("value"));
    }

    @Test
    void testSuccess_unexpectedFailureIsServerInternalWithoutItsMessage() {
        HttpResponse<String> r = newOrderFailingWith(new IllegalStateException("secret database detail"));

        JsonObject problem = assertProblem(r, 500, "serverInternal");
        assertFalse(problem.getString("detail").contains("secret"));
    }

    @Test
    void testSuccess_unknownPathIsMalformed404() {
        assertProblem(client.get("/acme/nothing-here"), 404, "malformed");
    }
}
