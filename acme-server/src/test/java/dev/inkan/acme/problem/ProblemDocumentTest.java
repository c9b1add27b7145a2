package dev.inkan.acme.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.inkan.core.error.ErrorKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProblemDocumentTest {

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void testSuccess_eachKindHasItsUrnAndStatus(ErrorKind kind) {
        JsonObject json = ProblemDocument.of(kind, "detail").toJson();

        assertEquals(kind.typeUrn(), json.getString("type"));
        assertEquals(kind.httpStatus(), json.getInteger("status"));
        assertEquals("detail", json.getString("detail"));
        assertFalse(json.containsKey("subproblems"));
    }

    @Test
    void testSuccess_badSignatureAlgorithmListsAlgorithms() {
        JsonObject json = Problems.badSignatureAlgorithm("no", List.of("ES256", "RS256")).document().toJson();

        assertEquals(new JsonArray().add("ES256").add("RS256"), json.getJsonArray("algorithms"));
    }

    @Test
    void testSuccess_statusOverrideKeepsTheType() {
        ProblemDocument doc = Problems.unsupportedMediaType("use application/jose+json").document();

        assertEquals(415, doc.status());
        assertEquals("urn:ietf:params:acme:error:malformed", doc.type());
    }

    @Test
    void testSuccess_methodNotAllowedCarriesAllow() {
        ProblemException e = Problems.methodNotAllowed("GET", "POST");

        assertEquals(405, e.document().status());
        assertEquals(List.of(Map.entry("Allow", "POST")), e.headers());
    }
}
