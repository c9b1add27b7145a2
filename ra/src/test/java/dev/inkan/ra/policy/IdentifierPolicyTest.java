package dev.inkan.ra.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.time.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IdentifierPolicyTest {
    private static final Instant AFTER_SC086 = Instant.parse("2026-06-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(AFTER_SC086);
    private final IdentifierPolicy policy = new IdentifierPolicy(100, List.of("blocked.example.net"), clock);

    private List<Identifier> check(String... names) {
        return policy.check(java.util.Arrays.stream(names).map(Identifier::dns).toList());
    }

    private CaException refused(String name) {
        return assertThrows(CaException.class, () -> check(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "test1.example.com", "www.example.co.uk", "a-b.example.org",
            "xn--bcher-kva.example.com", "xn--eckwd4c7c.xn--zckzah.jp", "123.example.com", "example.jp", "*.example.com", "*.test1.example.com",
            "notblocked.example.net"})
    void testSuccess_acceptableNamePasses(String name) {
        assertEquals(List.of(Identifier.dns(name)), check(name));
    }

    @Test
    void testSuccess_uppercaseIsLowered() {
        assertEquals(List.of(Identifier.dns("www.example.com")), check("WWW.Example.COM"));
    }

    @Test
    void testSuccess_duplicatesCollapseAndSort() {
        assertEquals(List.of(Identifier.dns("*.example.com"), Identifier.dns("a.example.com"),
                        Identifier.dns("b.example.com")),
                check("b.example.com", "a.example.com", "B.example.com", "*.example.com", "a.example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "*.co.uk", "*.jp", "*.co.jp"})
    void testFailure_wildcardOnPublicSuffixIsRefused(String name) {
        CaException e = refused(name);
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, e.kind());
        assertTrue(e.detail().contains("public suffix"), e.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo.*.example.com", "*foo.example.com", "*.*.example.com", "*", "f*o.example.com"})
    void testFailure_wildcardNotAsWholeLeftmostLabelIsRefused(String name) {
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, refused(name).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1", "::1", "2001:db8::1", "[2001:db8::1]"})
    void testFailure_ipLiteralIsRefused(String name) {
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, refused(name).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo.local", "foo", "localhost", "server.corp", "host.internal", "mail.lan", "www.example", "site.test"})
    void testFailure_internalNameIsRefused(String name) {
        CaException e = refused(name);
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, e.kind());
        assertTrue(e.detail().contains("public suffix"), e.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"com", "co.uk", "jp"})
    void testFailure_publicSuffixItselfIsRefused(String name) {
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, refused(name).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"xn--a.example.com", "xn--zz.example.com", "xn--.example.com", "xn--ls8h.example.com"})
    void testFailure_invalidALabelIsRefused(String name) {
        CaException e = refused(name);
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, e.kind());
        assertTrue(e.detail().contains("A-label"), e.detail());
    }

    @Test
    void testFailure_reservedHyphensIsRefused() {
        assertTrue(refused("ab--cd.example.com").detail().contains("reserved"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"under_score.example.com", "-lead.example.com", "trail-.example.com", "a b.example.com",
            "a..example.com", ".example.com", "bücher.example.com", "exa!mple.com"})
    void testFailure_nonLdhNameIsRefused(String name) {
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, refused(name).kind());
    }

    @Test
    void testFailure_labelOver63IsRefused() {
        assertTrue(refused("a".repeat(64) + ".example.com").detail().contains("label"));
    }

    @Test
    void testSuccess_label63Passes() {
        assertEquals(1, check("a".repeat(63) + ".example.com").size());
    }

    @Test
    void testFailure_nameOver253IsRefused() {
        String name = (("a".repeat(60) + ".").repeat(4) + "example.com");
        assertTrue(name.length() > 253);
        assertTrue(refused(name).detail().contains("253"));
    }

    @Test
    void testFailure_trailingDotIsRefused() {
        assertTrue(refused("example.com.").detail().contains("dot"));
    }

    @Test
    void testFailure_blockedNameAndNamesBelowItAreRefused() {
        assertTrue(refused("blocked.example.net").detail().contains("forbidden"));
        assertTrue(refused("www.blocked.example.net").detail().contains("forbidden"));
        assertTrue(refused("*.blocked.example.net").detail().contains("forbidden"));
    }

    @Test
    void testFailure_101IdentifiersAreRefused() {
        String[] names = IntStream.range(0, 101).mapToObj(i -> "n" + i + ".example.com").toArray(String[]::new);
        CaException e = assertThrows(CaException.class, () -> check(names));
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, e.kind());
        assertTrue(e.detail().contains("101"));
    }

    @Test
    void testSuccess_100IdentifiersPass() {
        String[] names = IntStream.range(0, 100).mapToObj(i -> "n" + i + ".example.com").toArray(String[]::new);
        assertEquals(100, check(names).size());
    }

    @Test
    void testFailure_nonDnsTypeIsUnsupported() {
        CaException e = assertThrows(CaException.class,
                () -> policy.check(List.of(new Identifier("ip", "192.0.2.1"))));
        assertEquals(ErrorKind.UNSUPPORTED_IDENTIFIER, e.kind());
    }

    @Test
    void testFailure_emptyOrderIsMalformed() {
        assertEquals(ErrorKind.MALFORMED, assertThrows(CaException.class, () -> policy.check(List.of())).kind());
    }

    @Test
    void testFailure_eachBadIdentifierGetsASubproblem() {
        CaException e = assertThrows(CaException.class,
                () -> check("good.example.com", "foo.local", "*.com", "also-good.example.org"));
        Problem p = e.problem();
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, p.kind());
        assertEquals(List.of(Identifier.dns("foo.local"), Identifier.dns("*.com")),
                p.subproblems().stream().map(Problem::identifier).toList());
    }

    @Test
    void testFailure_mixedKindsGiveRejectedIdentifierOnTop() {
        CaException e = assertThrows(CaException.class,
                () -> policy.check(List.of(new Identifier("ip", "192.0.2.1"), Identifier.dns("foo"))));
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, e.kind());
        assertEquals(List.of(ErrorKind.UNSUPPORTED_IDENTIFIER, ErrorKind.REJECTED_IDENTIFIER),
                e.problem().subproblems().stream().map(Problem::kind).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0.127.in-addr.arpa", "4.3.2.1.in-addr.arpa",
            "b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa", "*.2.0.192.in-addr.arpa",
            "router.home.arpa"})
    void testArpaNames_refusedAsRejectedIdentifierSinceSc086(String name) {
        CaException e = refused(name);
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, e.kind());
        assertTrue(e.detail().contains("SC-086"), e.detail());
    }

    @Test
    void testArpaNames_acceptedTheDayBeforeSc086() {
        clock.set(Instant.parse("2026-03-14T23:59:59Z"));
        assertEquals(List.of(Identifier.dns("4.3.2.1.in-addr.arpa")), check("4.3.2.1.in-addr.arpa"));
        clock.set(Instant.parse("2026-03-15T00:00:00Z"));
        assertEquals(ErrorKind.REJECTED_IDENTIFIER, refused("4.3.2.1.in-addr.arpa").kind());
    }
}
