package dev.inkan.acme.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.inkan.acme.AcmeServerTestBase;
import dev.inkan.acme.FakeRegistrationAuthority;
import dev.inkan.acme.TestJws;
import dev.inkan.core.port.RegistrationAuthority.RenewalInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

/** RFC 9773 on the wire, and the profiles of draft-ietf-acme-profiles in the directory. */
class RenewalInfoHandlerTest extends AcmeServerTestBase {
    private static final String CERT_ID = "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE";

    @Test
    void testSuccess_directoryNamesRenewalInfoAndDescribesProfiles() {
        JsonObject dir = json(client.get("/directory"));
        assertEquals(BASE_URL + "/acme/renewal-info", dir.getString("renewalInfo"));
        assertEquals(new JsonObject().put("dv", FakeRegistrationAuthority.PROFILES.get("dv")),
                dir.getJsonObject("meta").getJsonObject("profiles"));
    }

    @Test
    void testSuccess_windowAndRetryAfterForAKnownCertificate() {
        ra.renewalInfos.put(CERT_ID, new RenewalInfo(Instant.parse("2026-08-01T00:00:00Z"),
                Instant.parse("2026-08-16T00:00:00Z"), null, Duration.ofHours(6)));

        HttpResponse<String> r = client.get("/acme/renewal-info/" + CERT_ID);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals("21600", r.headers().firstValue("Retry-After").orElseThrow());
        JsonObject window = json(r).getJsonObject("suggestedWindow");
        assertEquals("2026-08-01T00:00:00Z", window.getString("start"));
        assertEquals("2026-08-16T00:00:00Z", window.getString("end"));
        assertNull(json(r).getString("explanationURL"));
    }

    @Test
    void testSuccess_anImmediateWindowCarriesItsExplanation() {
        ra.renewalInfos.put(CERT_ID, new RenewalInfo(Instant.parse("2026-05-31T23:00:00Z"),
                Instant.parse("2026-05-31T23:30:00Z"), "https://ca.test/incident", Duration.ofHours(6)));
        assertEquals("https://ca.test/incident", json(client.get("/acme/renewal-info/" + CERT_ID))
                .getString("explanationURL"));
    }

    @Test
    void testFailure_anUnknownCertificateIs404AndPostIsNotAllowed() {
        assertProblem(client.get("/acme/renewal-info/" + CERT_ID), 404, "malformed");
        assertEquals(405, client.post("/acme/renewal-info/" + CERT_ID, "application/json", "{}").statusCode());
    }

    @Test
    void testSuccess_replacesIsPassedOnAndEchoedThenAlreadyReplaced() {
        PublicJsonWebKey key = TestJws.ecKey();
        String kid = client.newAccount(key);
        JsonObject payload = new JsonObject()
                .put("identifiers", new JsonArray().add(new JsonObject().put("type", "dns").put("value", "a.example.jp")))
                .put("replaces", CERT_ID);

        HttpResponse<String> created = client.postSigned("/acme/new-order", key, kid, payload);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(CERT_ID, json(created).getString("replaces"));
        String location = created.headers().firstValue("Location").orElseThrow();
        assertEquals(CERT_ID, json(client.postAsGet(client.pathOf(location), key, kid)).getString("replaces"));

        assertProblem(client.postSigned("/acme/new-order", key, kid, payload), 409, "alreadyReplaced");
    }

    @Test
    void testSuccess_anOrderWithoutReplacesShowsNone() {
        PublicJsonWebKey key = TestJws.ecKey();
        String kid = client.newAccount(key);
        HttpResponse<String> created = client.postSigned("/acme/new-order", key, kid, new JsonObject()
                .put("identifiers", new JsonArray().add(new JsonObject().put("type", "dns").put("value", "b.example.jp"))));
        assertFalse(json(created).containsKey("replaces"));
    }
}
