package dev.inkan.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.time.MutableClock;
import dev.inkan.harness.ct.FakeCtLog;
import dev.inkan.harness.ct.FakeCtLogs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CtSubmitterTest {
    private static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");
    private static final CtSubmitterConfig FAST = new CtSubmitterConfig(2, Duration.ofSeconds(2),
            Duration.ofMillis(20), Duration.ofMillis(10));

    private final MutableClock clock = new MutableClock(NOW);
    private Vertx vertx;
    private FakeCtLogs logs;
    private CtSubmitter submitter;
    private TestCertificates certs;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        certs = new TestCertificates();
        logs = await(FakeCtLogs.start(vertx, List.of(
                new FakeCtLogs.Spec("A1", "Operator A", false),
                new FakeCtLogs.Spec("A2", "Operator A", false),
                new FakeCtLogs.Spec("B1", "Operator B", true)), clock));
        submitter = new CtSubmitter(vertx, LogList.parse(logs.logList()), CtPolicy.browsers(), FAST, clock);
    }

    @AfterEach
    void stop() throws Exception {
        await(logs.stop());
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private byte[] precert() throws Exception {
        return certs.precertificate(NOW, NOW.plus(Duration.ofDays(90)).minusSeconds(1));
    }

    private List<SignedCertificateTimestamp> parsed(List<byte[]> scts) throws Exception {
        return scts.stream().map(CtSubmitterTest::parse).toList();
    }

    private static SignedCertificateTimestamp parse(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int version = in.readUnsignedByte();
            byte[] id = in.readNBytes(32);
            long ts = in.readLong();
            byte[] ext = in.readNBytes(in.readUnsignedShort());
            byte[] rest = in.readAllBytes();
            return new SignedCertificateTimestamp(version, id, ts, ext, rest);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String operatorOf(SignedCertificateTimestamp sct) {
        return logs.logs().stream().filter(l -> Arrays.equals(l.logId(), sct.logId())).findFirst().orElseThrow()
                .operator();
    }

    @Test
    void testSuccess_twoVerifiedSctsFromDistinctOperatorsForA90DayCertificate() throws Exception {
        byte[] precert = precert();
        List<SignedCertificateTimestamp> scts = parsed(await(submitter.scts(precert, certs.issuerDer)));

        assertEquals(2, scts.size());
        Set<String> operators = new HashSet<>();
        SctVerifier verifier = new SctVerifier(clock);
        LogList list = LogList.parse(logs.logList());
        for (SignedCertificateTimestamp sct : scts) {
            operators.add(operatorOf(sct));
            CtLog log = list.byId(sct.logId()).orElseThrow();
            assertTrue(verifier.problem(sct, log, LogEntry.precertificate(precert, certs.issuerDer)).isEmpty());
        }
        assertEquals(Set.of("Operator A", "Operator B"), operators);
    }

    @Test
    void testSuccess_oneLogOfEachOperatorIsAskedFirstAndTheSpareNotAtAll() throws Exception {
        // A2 would come second in the list; with a long stagger it is asked only if A1 or B1 fail
        CtSubmitter slowSpares = new CtSubmitter(vertx, LogList.parse(logs.logList()), CtPolicy.browsers(),
                new CtSubmitterConfig(2, Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofSeconds(30)), clock);
        List<SignedCertificateTimestamp> scts = parsed(await(slowSpares.scts(precert(), certs.issuerDer)));

        assertEquals(Set.of("Operator A", "Operator B"), Set.copyOf(scts.stream().map(this::operatorOf).toList()));
        assertEquals(1, logs.logs().get(0).entries().size(), "A1 asked");
        assertEquals(0, logs.logs().get(1).entries().size(), "A2, the spare, not asked");
        assertEquals(1, logs.logs().get(2).entries().size(), "B1 asked");
        await(slowSpares.close());
    }

    @Test
    void testSuccess_operatorsFirstAlternatesOperatorsInListOrder() {
        List<CtLog> list = LogList.parse(logs.logList()).logs();
        assertEquals(List.of("A1", "B1", "A2"), CtSubmitter.operatorsFirst(list).stream().map(CtLog::name).toList());
    }

    @Test
    void testSuccess_staticCtLeafIndexExtensionIsKeptAndVerifies() throws Exception {
        List<SignedCertificateTimestamp> scts = parsed(await(submitter.scts(precert(), certs.issuerDer)));
        SignedCertificateTimestamp fromB = scts.stream().filter(s -> operatorOf(s).equals("Operator B"))
                .findFirst().orElseThrow();
        assertEquals(8, fromB.extensions().length, HexFormat.of().formatHex(fromB.extensions()));
        assertEquals(0, fromB.extensions()[0], "extension type leaf_index");
    }

    @Test
    void testSuccess_oneLogDownStillGivesTwoOperators() throws Exception {
        logs.logs().get(0).knobs().setFailureRate(1.0);
        List<SignedCertificateTimestamp> scts = parsed(await(submitter.scts(precert(), certs.issuerDer)));
        assertEquals(2, scts.size());
        assertEquals(Set.of("Operator A", "Operator B"), Set.copyOf(scts.stream().map(this::operatorOf).toList()));
    }

    @Test
    void testFailure_allLogsDownFailsAfterTheRetriesNamingEachLog() throws Exception {
        logs.logs().forEach(l -> l.knobs().setFailureRate(1.0));
        CaException e = assertInstanceOf(CaException.class,
                org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                        () -> await(submitter.scts(precert(), certs.issuerDer))));
        assertEquals(ErrorKind.SERVER_INTERNAL, e.kind());
        assertTrue(e.detail().contains("0 verified SCT(s)"), e.detail());
        assertTrue(e.detail().contains("A1: HTTP 503") && e.detail().contains("(after 2 tries)"), e.detail());
    }

    @Test
    void testFailure_onlyOneOperatorLeftCannotMeetThePolicy() throws Exception {
        logs.logs().get(2).knobs().setRejectIssuerSha256(HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(certs.issuerDer)));
        CaException e = assertInstanceOf(CaException.class,
                org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                        () -> await(submitter.scts(precert(), certs.issuerDer))));
        assertTrue(e.detail().contains("B1: HTTP 400"), e.detail());
    }

    @Test
    void testFailure_sctFromAnotherKeyIsRefused() throws Exception {
        FakeCtLog a1 = logs.logs().get(0);
        byte[] precert = precert();
        byte[] sct = await(submitter.scts(precert, certs.issuerDer)).get(0);
        SignedCertificateTimestamp s = parse(sct);
        // the right log ID, a signature over another entry
        LogEntry other = LogEntry.precertificate(precert(), certs.issuerDer);
        CtLog log = LogList.parse(logs.logList()).byId(s.logId()).orElseThrow();
        assertTrue(new SctVerifier(clock).problem(s, log, other).orElseThrow().contains("does not verify"));
        assertTrue(a1.entries().size() <= 1);
    }

    @Test
    void testSuccess_finalCertificateGoesToTheLogsOfItsScts() throws Exception {
        byte[] precert = precert();
        List<byte[]> scts = await(submitter.scts(precert, certs.issuerDer));
        byte[] finalCert = FinalCertificates.withScts(certs, precert, scts);
        await(submitter.submitFinal(finalCert, certs.issuerDer));

        long finals = logs.logs().stream().flatMap(l -> l.entries().stream()).filter(e -> !e.precertificate()).count();
        assertEquals(2, finals);
        List<byte[]> embedded = CtSubmitter.embeddedLogIds(finalCert);
        assertEquals(2, embedded.size());
        assertArrayEquals(parse(scts.get(0)).logId(), embedded.get(0));
    }
}
