package dev.inkan.caa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CaaEvaluatorTest {
    private static final String ACCOUNT = "https://ca.example/acme/acct/42";
    private final CaaEvaluator evaluator = new CaaEvaluator(List.of("jprs.jp"));

    private static CaaProperty issue(String value) {
        return new CaaProperty(0, "issue", value);
    }

    private static CaaProperty issuewild(String value) {
        return new CaaProperty(0, "issuewild", value);
    }

    private CaaEvaluator.Decision plain(CaaProperty... rrset) {
        return evaluator.evaluate(List.of(rrset), false, ACCOUNT, "http-01");
    }

    private CaaEvaluator.Decision wildcard(CaaProperty... rrset) {
        return evaluator.evaluate(List.of(rrset), true, ACCOUNT, "dns-01");
    }

    @Test
    void testPermitted_noRecords() {
        assertTrue(plain().permitted());
    }

    @Test
    void testPermitted_ourIssuerDomainName() {
        CaaEvaluator.Decision d = plain(issue("jprs.jp"));
        assertTrue(d.permitted());
        assertEquals(List.of(issue("jprs.jp")), d.deciding());
    }

    @Test
    void testPermitted_issuerDomainNameMatchesCaseInsensitivelyAndWithWhitespace() {
        assertTrue(plain(issue("  JPRS.jp  ")).permitted());
    }

    @Test
    void testPermitted_oneOfSeveralIssueRecords() {
        assertTrue(plain(issue("other-ca.example"), issue("jprs.jp")).permitted());
    }

    @Test
    void testFailure_anotherCaOnly() {
        CaaEvaluator.Decision d = plain(issue("other-ca.example"));
        assertFalse(d.permitted());
        assertTrue(d.why().contains("0 issue \"other-ca.example\" authorizes another CA"), d.why());
        assertTrue(d.why().contains("jprs.jp"), d.why());
    }

    @Test
    void testFailure_emptyIssuerForbidsEveryCa() {
        assertFalse(plain(issue(";")).permitted());
        assertTrue(plain(issue(";")).why().contains("names no issuer"));
    }

    @Test
    void testFailure_malformedValueAuthorizesNoCa() {
        CaaEvaluator.Decision d = plain(issue("jprs.jp; accounturi"));
        assertFalse(d.permitted());
        assertTrue(d.why().contains("malformed"), d.why());
        assertFalse(plain(issue("jprs.jp; a=b;")).permitted());
        assertFalse(plain(issue("jprs..jp")).permitted());
    }

    @Test
    void testPermitted_onlyIodefOrIssuewildForANonWildcard() {
        assertTrue(plain(new CaaProperty(0, "iodef", "mailto:security@example.com")).permitted());
        // RFC 8659 §4.3: issuewild is ignored for a name that is not a wildcard
        assertTrue(plain(issuewild(";")).permitted());
    }

    @Test
    void testFailure_issuewildRefusesAWildcardEvenWhenIssueAllows() {
        CaaEvaluator.Decision d = wildcard(issue("jprs.jp"), issuewild("other-ca.example"));
        assertFalse(d.permitted());
        assertEquals(List.of(issuewild("other-ca.example")), d.deciding());
    }

    @Test
    void testPermitted_issuewildAllowsAWildcardEvenWhenIssueRefuses() {
        assertTrue(wildcard(issue(";"), issuewild("jprs.jp")).permitted());
    }

    @Test
    void testFailure_wildcardFallsBackToIssueWithoutIssuewild() {
        assertFalse(wildcard(issue("other-ca.example")).permitted());
        assertTrue(wildcard(issue("jprs.jp")).permitted());
    }

    @Test
    void testFailure_criticalUnknownTagRefusesWhateverElseIsThere() {
        CaaProperty critical = new CaaProperty(128, "tbs", "unknown");
        CaaEvaluator.Decision d = plain(issue("jprs.jp"), critical);
        assertFalse(d.permitted());
        assertEquals(List.of(critical), d.deciding());
        assertTrue(d.why().contains("critical flag"), d.why());
    }

    @Test
    void testFailure_flagBitOneIsReadAsCriticalToo() {
        assertFalse(plain(issue("jprs.jp"), new CaaProperty(1, "future", "x")).permitted());
    }

    @Test
    void testPermitted_nonCriticalUnknownTagIsIgnored() {
        assertTrue(plain(issue("jprs.jp"), new CaaProperty(0, "future", "x")).permitted());
    }

    @Test
    void testPermitted_criticalKnownTagIsProcessed() {
        assertTrue(plain(new CaaProperty(128, "issue", "jprs.jp")).permitted());
        assertTrue(plain(new CaaProperty(128, "ISSUE", "jprs.jp")).permitted());
    }

    @Test
    void testPermitted_accounturiEqualToTheAccount() {
        assertTrue(plain(issue("jprs.jp; accounturi=" + ACCOUNT)).permitted());
    }

    @Test
    void testFailure_accounturiOfAnotherAccount() {
        CaaEvaluator.Decision d = plain(issue("jprs.jp; accounturi=https://ca.example/acme/acct/7"));
        assertFalse(d.permitted());
        assertTrue(d.why().contains("allows only the account https://ca.example/acme/acct/7, not " + ACCOUNT), d.why());
    }

    @Test
    void testFailure_twoAccounturiParametersAreUnsatisfiable() {
        assertFalse(plain(issue("jprs.jp; accounturi=" + ACCOUNT + "; accounturi=" + ACCOUNT)).permitted());
    }

    @Test
    void testPermitted_validationmethodsContainingTheMethod() {
        assertTrue(plain(issue("jprs.jp; validationmethods=dns-01,http-01")).permitted());
        assertTrue(plain(issue("jprs.jp; validationmethods=HTTP-01")).permitted());
    }

    @Test
    void testPermitted_validationmethodsByBrLabel() {
        // SC-098: ca-tbr-19 names BR 3.2.2.4.19, which is http-01
        assertTrue(plain(issue("jprs.jp; validationmethods=ca-tbr-19")).permitted());
        assertFalse(plain(issue("jprs.jp; validationmethods=ca-tbr-7")).permitted());
    }

    @Test
    void testFailure_validationmethodsWithoutTheMethod() {
        CaaEvaluator.Decision d = plain(issue("jprs.jp; validationmethods=dns-01"));
        assertFalse(d.permitted());
        assertTrue(d.why().contains("allows only the validation methods dns-01, not http-01"), d.why());
    }

    @Test
    void testFailure_malformedValidationmethodsIsUnsatisfiable() {
        assertFalse(plain(issue("jprs.jp; validationmethods=http-01,,dns-01")).permitted());
    }

    @Test
    void testPermitted_unknownParameterIsIgnored() {
        assertTrue(plain(issue("jprs.jp; policy=ev")).permitted());
    }

    @Test
    void testPermitted_bothParametersSatisfied() {
        assertTrue(plain(issue("jprs.jp; accounturi=" + ACCOUNT + "; validationmethods=http-01")).permitted());
    }

    @Test
    void testPermitted_severalIssuerDomainNamesConfigured() {
        CaaEvaluator two = new CaaEvaluator(CaaConfig.of(List.of("jprs.jp", "Inkan.Example")).issuerDomainNames());
        assertTrue(two.evaluate(List.of(issue("inkan.example")), false, ACCOUNT, "http-01").permitted());
    }

    @Test
    void testPresentation_quotesTheValue() {
        assertEquals("128 issue \"a\\\"b\"", new CaaProperty(128, "issue", "a\"b").toString());
        assertEquals("jprs.jp; x=\"y\\", CaaProperty.unescape("jprs.jp; x=\\\"y\\\\"));
        assertEquals("\u0001a", CaaProperty.unescape("\\001a"));
    }
}
