package dev.inkan.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CtPolicyTest {
    private static final Instant T = Instant.parse("2026-11-22T00:00:00Z");
    private final CtPolicy policy = CtPolicy.browsers();

    private static CtLog log(String name, String operator, LogState state, boolean tiled, Instant start, Instant end)
            throws Exception {
        PublicKey key = TestCertificates.ec().getPublic();
        return new CtLog(name, operator, LogEntry.sha256(key.getEncoded()), key, "http://127.0.0.1/" + name + "/",
                state, start, end, tiled);
    }

    private static CtLog log(String name, String operator) throws Exception {
        return log(name, operator, LogState.USABLE, false, null, null);
    }

    private static CtPolicy.ReceivedSct sct(CtLog log) {
        return new CtPolicy.ReceivedSct(log, new SignedCertificateTimestamp(0, log.logId(), 1, new byte[0],
                new byte[] {4, 3, 0, 0}));
    }

    @Test
    void testSuccess_180DaysNeedTwoSctsAndOneDayMoreNeedsThree() {
        assertEquals(2, policy.required(T, T.plus(Duration.ofDays(180)).minusSeconds(1)));
        assertEquals(3, policy.required(T, T.plus(Duration.ofDays(180))));
    }

    @Test
    void testSuccess_candidatesAreUsableOrQualifiedWithTheExpiryInTheirInterval() throws Exception {
        Instant notAfter = T.plus(Duration.ofDays(90));
        CtLog inside = log("in", "A", LogState.USABLE, false, T, T.plus(Duration.ofDays(180)));
        CtLog endsAtExpiry = log("end", "A", LogState.USABLE, false, T, notAfter);
        CtLog startsAtExpiry = log("start", "B", LogState.QUALIFIED, false, notAfter, notAfter.plusSeconds(1));
        CtLog readOnly = log("ro", "B", LogState.READONLY, false, null, null);
        CtLog retired = log("old", "B", LogState.RETIRED, false, null, null);

        List<CtLog> picked = policy.candidates(new LogList(List.of(inside, endsAtExpiry, startsAtExpiry, readOnly,
                retired)), notAfter);

        assertEquals(List.of(inside, startsAtExpiry), picked);
    }

    @Test
    void testFailure_twoSctsFromOneOperatorDoNotComply() throws Exception {
        CtLog a1 = log("a1", "A");
        CtLog a2 = log("a2", "A");
        assertTrue(policy.select(List.of(sct(a1), sct(a2)), 2).isEmpty());
    }

    @Test
    void testSuccess_selectionPicksDistinctOperatorsFromMany() throws Exception {
        CtLog a1 = log("a1", "A");
        CtLog a2 = log("a2", "A");
        CtLog b1 = log("b1", "B");
        List<CtPolicy.ReceivedSct> chosen = policy.select(List.of(sct(a1), sct(a2), sct(b1)), 2).orElseThrow();
        assertEquals(List.of(a1, b1), chosen.stream().map(CtPolicy.ReceivedSct::log).toList());
    }

    @Test
    void testSuccess_threeSctsAllowTwoFromOneOperator() throws Exception {
        CtLog a1 = log("a1", "A");
        CtLog a2 = log("a2", "A");
        CtLog a3 = log("a3", "A");
        CtLog b1 = log("b1", "B");
        assertTrue(policy.select(List.of(sct(a1), sct(a2), sct(a3)), 3).isEmpty());
        assertEquals(3, policy.select(List.of(sct(a1), sct(a2), sct(a3), sct(b1)), 3).orElseThrow().size());
    }

    @Test
    void testFailure_onlyTiledLogsMissApplesRfc6962Rule() throws Exception {
        CtLog a = log("a", "A", LogState.USABLE, true, null, null);
        CtLog b = log("b", "B", LogState.USABLE, true, null, null);
        assertFalse(policy.satisfiable(List.of(a, b), 2));
        assertTrue(new CtPolicy(false).satisfiable(List.of(a, b), 2));
    }
}
