package dev.inkan.storage;

import static dev.inkan.storage.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.CaaCheck;
import dev.inkan.core.model.CaaResult;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.PerspectiveResult;
import dev.inkan.core.port.CaaCheckStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaaCheckStoreTest extends EmbeddedStoreTest {
    private final CaaCheckStore checks = storage.caaChecks();

    private static CaaCheck check(String authz, String trigger, CaaResult r) {
        return new CaaCheck(newId("caa"), "acct-1", authz, trigger.equals(CaaCheck.AT_FINALIZE) ? "order-1" : null,
                trigger, "https://ca.example/acme/acct/acct-1", "dns-01", r, "3.2.2.8 (BR 2.2.6)");
    }

    @Test
    void testSuccess_checkRoundTripsFieldForField() {
        String authz = newId("authz");
        CaaResult refused = new CaaResult("www.example.com", true, false,
                new Problem(ErrorKind.CAA, "CAA record for example.com prevents issuance",
                        Identifier.dns("*.www.example.com"), List.of()),
                "example.com", List.of("0 issuewild \";\""), List.of("www.example.com", "example.com"),
                Duration.ofSeconds(3600), "insecure", "primary", T0,
                List.of(new PerspectiveResult("remote-1", false, "caa: refused"),
                        new PerspectiveResult("remote-2", true, "permitted")));
        CaaCheck c = check(authz, CaaCheck.AT_VALIDATION, refused);
        await(checks.insert(c));
        assertEquals(List.of(c), await(checks.forAuthorization(authz)));
    }

    @Test
    void testSuccess_latestIsTheMostRecentCheck() {
        String authz = newId("authz");
        CaaResult first = new CaaResult("a.example", false, true, null, null, List.of(), List.of("a.example"),
                Duration.ZERO, "unvalidated", "primary", T0);
        CaaResult later = new CaaResult("a.example", false, true, null, null, List.of(), List.of("a.example"),
                Duration.ZERO, "unvalidated", "primary", T0.plus(Duration.ofHours(9)));
        CaaCheck recheck = check(authz, CaaCheck.AT_FINALIZE, later);
        await(checks.insert(recheck));
        await(checks.insert(check(authz, CaaCheck.AT_VALIDATION, first)));
        assertEquals(recheck, await(checks.latestFor(authz)).orElseThrow());
        assertEquals(2, await(checks.forAuthorization(authz)).size());
        assertTrue(await(checks.latestFor(newId("authz"))).isEmpty());
    }
}
