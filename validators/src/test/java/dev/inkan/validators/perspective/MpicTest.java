package dev.inkan.validators.perspective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.CaaResult;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.PerspectiveResult;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.CaaChecker;
import dev.inkan.core.port.CaaChecker.CaaRequest;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import dev.inkan.core.port.ValidationAuthority.ValidationRequest;
import dev.inkan.core.time.MutableClock;
import dev.inkan.harness.Harness;
import dev.inkan.harness.HarnessConfig;
import dev.inkan.validators.ValidationAuthorityImpl;
import dev.inkan.validators.ValidatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BR 3.2.2.9 with three remote perspectives on loopback, each its own HTTPS server with its own validation
 * authority and resolver, reached over mutual TLS.
 */
class MpicTest {
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
    private static final String TOKEN = "LoqXcYV8q5ONbJQxbmR7SCTNo3tiAXDfowyjxAjEuX0";
    private static final String KEY_AUTH = TOKEN + ".9jg46WB3rR_AHD-EBXdN7cBkH1WOu0tA3M9fm21mqTI";
    private static final String NAME = "www.example.org";
    private static final String ACCOUNT = "https://ca.example/acme/acct/1";

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private Vertx vertx;
    /** What the world looks like from the primary and the healthy remotes. */
    private Harness world;
    /** What a remote sees when its network is hijacked or broken: no TXT record. */
    private Harness elsewhere;
    private SelfSignedCertificate primaryCert;
    private final List<Object> closing = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        world = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
        elsewhere = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
        world.setTxt("_acme-challenge." + NAME, digest(KEY_AUTH));
        primaryCert = SelfSignedCertificate.create("localhost");
    }

    @AfterEach
    void stop() throws Exception {
        for (Object c : closing) {
            if (c instanceof RemotePerspectiveServer s) {
                await(s.close());
            } else if (c instanceof ValidationAuthorityImpl va) {
                await(va.close());
            } else if (c instanceof RemotePerspectives r) {
                await(r.close());
            }
        }
        await(world.stop());
        await(elsewhere.stop());
        await(vertx.close());
    }

    /** A remote perspective whose resolver asks {@code dns} and whose CAA checker is {@code caa}. */
    private RemoteConfig remote(String name, Harness dns, CaaChecker caa, Path trustFile) throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
        ValidatorConfig vc = ValidatorConfig.sandbox().withResolvers(List.of(dns.dnsAddress()))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
        vc = new ValidatorConfig(vc.resolvers(), vc.http01Port(), vc.tlsPort(), true, vc.dnsTimeout(),
                vc.httpTimeout(), name);
        ValidationAuthorityImpl va = new ValidationAuthorityImpl(vertx, vc, clock);
        closing.add(va);
        RemotePerspectiveServer server = await(RemotePerspectiveServer.start(vertx, "127.0.0.1", 0,
                new PerspectiveTls(cert.certificatePath(), cert.privateKeyPath(), primaryCert.certificatePath()),
                va, caa));
        closing.add(server);
        Files.writeString(trustFile, Files.readString(Path.of(cert.certificatePath())),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return new RemoteConfig(name, "https://localhost:" + server.port(), name.endsWith("1") ? "APNIC" : "ARIN");
    }

    private record Setup(CorroboratingValidationAuthority va, CorroboratingCaaChecker caa) {}

    /** The primary with one remote per entry: true for a healthy one, false for one that disagrees. */
    private Setup primary(boolean production, CaaChecker[] remoteCaa, boolean... healthy) throws Exception {
        Path trust = dir.resolve("remotes-" + System.nanoTime() + ".pem");
        List<RemoteConfig> remotes = new ArrayList<>();
        for (int i = 0; i < healthy.length; i++) {
            remotes.add(remote("remote-" + (i + 1), healthy[i] ? world : elsewhere, remoteCaa[i], trust));
        }
        RemotePerspectives connections = RemotePerspectives.connect(vertx, remotes,
                new PerspectiveTls(primaryCert.certificatePath(), primaryCert.privateKeyPath(), trust.toString()),
                Duration.ofSeconds(30));
        closing.add(connections);
        ValidationAuthorityImpl primary = new ValidationAuthorityImpl(vertx, ValidatorConfig.sandbox()
                .withResolvers(List.of(world.dnsAddress())).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)),
                clock);
        closing.add(primary);
        MpicPolicy policy = new MpicPolicy(production, remotes);
        return new Setup(new CorroboratingValidationAuthority(primary, connections, policy, clock),
                new CorroboratingCaaChecker(permitting("primary"), connections, policy, clock));
    }

    private Setup primary(boolean... healthy) throws Exception {
        CaaChecker[] caa = new CaaChecker[healthy.length];
        for (int i = 0; i < caa.length; i++) {
            caa[i] = permitting("remote-" + (i + 1));
        }
        return primary(false, caa, healthy);
    }

    private ValidationOutcome validate(Setup s) throws Exception {
        return await(s.va().validate(new ValidationRequest(Identifier.dns(NAME), "dns-01", TOKEN, KEY_AUTH, ACCOUNT)));
    }

    @Test
    void testValid_oneOfThreeRemotesFailingStillValidatesAndEveryPerspectiveIsRecorded() throws Exception {
        ValidationOutcome o = validate(primary(true, true, false));
        assertTrue(o.valid(), () -> String.valueOf(o.error()));
        List<String> perspectives = o.records().stream().map(ValidationRecord::perspective).distinct().toList();
        assertTrue(perspectives.containsAll(List.of("primary", "remote-1", "remote-2", "remote-3", "quorum")),
                perspectives.toString());
        ValidationRecord quorum = o.records().stream().filter(r -> r.perspective().equals("quorum")).findFirst()
                .orElseThrow();
        assertEquals("3.2.2.9 (BR 2.2.6)", quorum.brSection());
        assertTrue(quorum.valueSeen().startsWith("2/3 remote perspectives corroborated (at most 1 may not)"),
                quorum.valueSeen());
        assertTrue(summaryOf(o, "remote-3").startsWith("not corroborated: "), summaryOf(o, "remote-3"));
        assertTrue(summaryOf(o, "remote-1").startsWith("corroborated: valid"), summaryOf(o, "remote-1"));
    }

    @Test
    void testFailure_twoOfThreeRemotesFailingRefuses() throws Exception {
        ValidationOutcome o = validate(primary(true, false, false));
        assertFalse(o.valid());
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().contains("During secondary validation"), o.error().detail());
        // remote-1 agrees, unless two disagreements decided the quorum before it answered: 1/3 or 0/3
        assertTrue(o.error().detail().matches(".*[01]/3 remote perspectives corroborated.*"), o.error().detail());
        assertTrue(o.error().detail().contains("remote-2: unauthorized"), o.error().detail());
        assertTrue(summaryOf(o, "remote-2").startsWith("not corroborated: unauthorized"), summaryOf(o, "remote-2"));
    }

    @Test
    void testFailure_primaryFailingRefusesWhateverTheRemotesSay() throws Exception {
        world.clearTxt("_acme-challenge." + NAME);
        elsewhere.setTxt("_acme-challenge." + NAME, digest(KEY_AUTH));
        ValidationOutcome o = validate(primary(false, false, false));
        assertFalse(o.valid());
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind());
        assertTrue(o.error().detail().startsWith("No TXT record found"), o.error().detail());
    }

    @Test
    void testCaa_oneRefusingRemoteStillPermitsTwoRefuse() throws Exception {
        Setup one = primary(false, new CaaChecker[] {permitting("remote-1"), permitting("remote-2"),
                refusing("remote-3")}, true, true, true);
        CaaResult r = await(one.caa().check(new CaaRequest(NAME, false, ACCOUNT, "dns-01")));
        assertTrue(r.permitted());
        assertEquals(List.of("quorum", "remote-1", "remote-2", "remote-3"),
                r.remotes().stream().map(PerspectiveResult::perspective).sorted().toList());
        Setup two = primary(false, new CaaChecker[] {permitting("remote-1"), refusing("remote-2"),
                refusing("remote-3")}, true, true, true);
        CaaResult refused = await(two.caa().check(new CaaRequest(NAME, false, ACCOUNT, "dns-01")));
        assertFalse(refused.permitted());
        assertEquals(ErrorKind.CAA, refused.problem().kind());
        assertTrue(refused.problem().detail().contains("During secondary CAA checking"), refused.problem().detail());
        PerspectiveResult quorum = refused.remotes().get(refused.remotes().size() - 1);
        assertEquals("quorum", quorum.perspective());
        assertFalse(quorum.corroborates());
    }

    @Test
    void testCaa_slowRemoteIsCancelledOnceTheQuorumIsDecided() throws Exception {
        CaaChecker hanging = request -> Promise.<CaaResult>promise().future();
        Setup s = primary(false, new CaaChecker[] {permitting("remote-1"), permitting("remote-2"), hanging},
                true, true, true);
        long start = System.nanoTime();
        CaaResult r = await(s.caa().check(new CaaRequest(NAME, false, ACCOUNT, "dns-01")));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 3000, "the quorum waited for the slow remote");
        assertTrue(r.permitted());
        PerspectiveResult slow = r.remotes().stream().filter(p -> p.perspective().equals("remote-3")).findFirst()
                .orElseThrow();
        assertFalse(slow.corroborates());
        assertTrue(slow.detail().startsWith("cancelled"), slow.detail());
    }

    @Test
    void testPolicy_productionWithTooFewRemotesFailsClosed() throws Exception {
        clock.set(Instant.parse("2026-06-15T00:00:00Z")); // four remote perspectives from this day
        Setup s = primary(true, new CaaChecker[] {permitting("remote-1"), permitting("remote-2"),
                permitting("remote-3")}, true, true, true);
        ValidationOutcome o = validate(s);
        assertEquals(ErrorKind.SERVER_INTERNAL, o.error().kind());
        assertTrue(o.error().detail().contains("at least 4 remote network perspectives"), o.error().detail());
        assertFalse(await(s.caa().check(new CaaRequest(NAME, false, ACCOUNT, "dns-01"))).permitted());
    }

    @Test
    void testPolicy_datedMinimumsAndQuorumTable() {
        assertEquals(0, MpicPolicy.minimumRemotes(Instant.parse("2025-03-14T23:59:59Z")));
        assertEquals(2, MpicPolicy.minimumRemotes(Instant.parse("2025-03-15T00:00:00Z")));
        assertEquals(2, MpicPolicy.minimumRemotes(Instant.parse("2026-03-14T23:59:59Z")));
        assertEquals(3, MpicPolicy.minimumRemotes(Instant.parse("2026-03-15T00:00:00Z")));
        assertEquals(3, MpicPolicy.minimumRemotes(Instant.parse("2026-06-14T23:59:59Z")));
        assertEquals(4, MpicPolicy.minimumRemotes(Instant.parse("2026-06-15T00:00:00Z")));
        assertEquals(4, MpicPolicy.minimumRemotes(Instant.parse("2026-12-14T23:59:59Z")));
        assertEquals(5, MpicPolicy.minimumRemotes(Instant.parse("2026-12-15T00:00:00Z")));
        assertEquals(List.of(0, 0, 1, 1, 1, 1, 2, 2), List.of(0, 1, 2, 3, 4, 5, 6, 7).stream()
                .map(MpicPolicy::allowedFailures).collect(Collectors.toList()));
        List<RemoteConfig> oneRegion = List.of(new RemoteConfig("a", "https://a", "ARIN"),
                new RemoteConfig("b", "https://b", "ARIN"), new RemoteConfig("c", "https://c", "ARIN"));
        assertTrue(new MpicPolicy(true, oneRegion).misconfiguration(Instant.parse("2026-04-01T00:00:00Z"))
                .contains("2 RIR service regions"));
        assertNull(new MpicPolicy(false, List.of()).misconfiguration(T0));
    }

    @Test
    void testTls_remoteRefusesAClientWithoutACertificate() throws Exception {
        Path trust = dir.resolve("one.pem");
        RemoteConfig r = remote("remote-1", world, permitting("remote-1"), trust);
        var anonymous = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(trust.toString())));
        try {
            assertThrows(Exception.class, () -> await(anonymous.request(io.vertx.core.http.HttpMethod.POST,
                    Integer.parseInt(r.url().substring(r.url().lastIndexOf(':') + 1)), "localhost", "/caa")
                    .compose(req -> req.send("{}")).compose(resp -> resp.body())));
        } finally {
            await(anonymous.close());
        }
    }

    @Test
    void testRegions_corroboratingPerspectivesInOneRegionAreRefusedInProduction() throws Exception {
        // configured: remote-1 APNIC, remote-2 and remote-3 ARIN (two regions); remote-1 fails, so the two that
        // corroborate meet the count (2/3) but sit in one region: BR 3.2.2.9 counts the corroborating ones
        Setup s = primary(true, new CaaChecker[] {permitting("remote-1"), permitting("remote-2"),
                permitting("remote-3")}, false, true, true);
        ValidationOutcome o = validate(s);
        assertFalse(o.valid());
        assertEquals(ErrorKind.UNAUTHORIZED, o.error().kind(), o.error().detail());
        assertTrue(o.error().detail().contains("2/3 remote perspectives corroborated"), o.error().detail());
        assertTrue(o.error().detail().contains("from 1 RIR region(s) [ARIN] (at least 2)"), o.error().detail());
    }

    @Test
    void testRegions_corroboratingPerspectivesInTwoRegionsPassInProduction() throws Exception {
        Setup s = primary(true, new CaaChecker[] {permitting("remote-1"), permitting("remote-2"),
                permitting("remote-3")}, true, true, false);
        ValidationOutcome o = validate(s);
        assertTrue(o.valid(), () -> String.valueOf(o.error()));
    }

    @Test
    void testRegions_oneRegionSufficedBeforeTheDate() throws Exception {
        clock.set(Instant.parse("2026-03-14T23:59:59Z")); // 2 remotes, no region rule yet
        Setup s = primary(true, new CaaChecker[] {permitting("remote-1"), permitting("remote-2"),
                permitting("remote-3")}, false, true, true);
        assertTrue(validate(s).valid());
    }

    @Test
    void testRegions_perspectiveWithoutRegionIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RemoteConfig("r", "https://localhost:1", ""));
        assertTrue(e.getMessage().contains("RIR service region"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RemoteConfig("r", "https://localhost:1", null));
        assertThrows(IllegalArgumentException.class, () -> new RemoteConfig("r", "https://localhost:1", "EU"));
        assertEquals("RIPE NCC", new RemoteConfig("r", "https://localhost:1", "ripe ncc").region());
    }

    @Test
    void testConfig_remoteMustBeHttps() {
        assertThrows(IllegalArgumentException.class, () -> new RemoteConfig("r", "http://localhost:1", "ARIN"));
    }

    private static String summaryOf(ValidationOutcome o, String perspective) {
        return o.records().stream().filter(r -> r.perspective().equals(perspective) && r.brSection().startsWith("3.2.2.9"))
                .map(ValidationRecord::valueSeen).findFirst().orElse("(none)");
    }

    private CaaChecker permitting(String perspective) {
        return r -> Future.succeededFuture(new CaaResult(r.name(), r.wildcard(), true, null, null, List.of(),
                List.of(r.name()), Duration.ZERO, "unvalidated", perspective, clock.instant()));
    }

    private CaaChecker refusing(String perspective) {
        return r -> Future.succeededFuture(new CaaResult(r.name(), r.wildcard(), false,
                Problem.of(ErrorKind.CAA, "CAA record for " + r.name() + " prevents issuance"), r.name(),
                List.of("0 issue \"other.example\""), List.of(r.name()), Duration.ZERO, "unvalidated", perspective,
                clock.instant()));
    }

    private static String digest(String keyAuthorization) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(keyAuthorization.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
