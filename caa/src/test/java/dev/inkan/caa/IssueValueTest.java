package dev.inkan.caa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IssueValueTest {
    @Test
    void testParse_domainAndParameters() {
        IssueValue v = IssueValue.parse(" jprs.jp ;  accounturi = https://ca.example/acct/1 ;validationmethods=dns-01")
                .orElseThrow();
        assertEquals("jprs.jp", v.issuerDomainName());
        assertEquals(List.of("https://ca.example/acct/1"), v.values("accounturi"));
        assertEquals(List.of("dns-01"), v.values("validationmethods"));
    }

    @Test
    void testParse_semicolonAloneIsNoIssuer() {
        assertEquals("", IssueValue.parse(";").orElseThrow().issuerDomainName());
        assertEquals("", IssueValue.parse("").orElseThrow().issuerDomainName());
        assertEquals("jprs.jp", IssueValue.parse("jprs.jp;").orElseThrow().issuerDomainName());
    }

    @Test
    void testParse_grammarViolationsAreEmpty() {
        assertTrue(IssueValue.parse("jprs.jp; =x").isEmpty());
        assertTrue(IssueValue.parse("jprs.jp; a=b c").isEmpty());
        assertTrue(IssueValue.parse("-jprs.jp").isEmpty());
        assertTrue(IssueValue.parse("jprs.jp x").isEmpty());
        assertTrue(IssueValue.parse("jprs.jp; a=b;;c=d").isEmpty());
    }

    @Test
    void testLevels_climbToTheTopLevelDomain() {
        assertEquals(List.of("a.b.example.com", "b.example.com", "example.com", "com"),
                CaaLookup.levels("A.b.example.com."));
    }
}
