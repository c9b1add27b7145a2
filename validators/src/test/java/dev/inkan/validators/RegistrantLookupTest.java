package dev.inkan.validators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.RegistrantLookup.Registrant;
import dev.inkan.core.port.RegistrantLookup.RegistrantComparison;
import dev.inkan.core.time.MutableClock;
import dev.inkan.harness.Harness;
import dev.inkan.harness.HarnessConfig;
import dev.inkan.harness.registry.FakeRegistries;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** RDAP through IANA's bootstrap file and WHOIS through IANA's referral, against the harness's fake registries. */
@Timeout(60)
class RegistrantLookupTest {
    private static final Instant T0 = Instant.parse("2026-09-01T09:00:00Z");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private Vertx vertx;
    private Harness harness;
    private FakeRegistries registries;
    private RegistrantLookupService lookup;
    private Path cache;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        harness = await(Harness.start(vertx, HarnessConfig.ephemeral().withHttp01(null), clock));
        registries = await(harness.listenRegistries("127.0.0.1"));
        cache = dir.resolve("rdap-bootstrap.json");
        lookup = service();
    }

    private RegistrantLookupService service() {
        ValidatorConfig validation = new ValidatorConfig(List.of(harness.dnsAddress()), 80, 443, true,
                Duration.ofSeconds(2), Duration.ofSeconds(5), ValidatorConfig.PRIMARY);
        return new RegistrantLookupService(vertx, validation, new RegistrantConfig(registries.bootstrapUrl(), cache,
                registries.ianaWhois(), registries.whoisPort(), RegistrantConfig.MAX_AGE, Duration.ofSeconds(5)), clock);
    }

    @AfterEach
    void stop() throws Exception {
        await(lookup.close());
        await(harness.stop());
        await(vertx.close());
    }

    @Test
    void testRdap_registrantFoundThroughTheBootstrapFile() throws Exception {
        Registrant r = await(lookup.lookup("example.com"));
        assertEquals(List.of("Example Corporation"), r.names());
        assertEquals("rdap", r.protocol());
        assertTrue(r.source().endsWith("/rdap/domain/example.com"), r.source());
        assertEquals(T0, r.fetchedAt());
        assertEquals(List.of("rdap /rdap/dns.json", "rdap /rdap/domain/example.com"), registries.requests);
    }

    @Test
    void testWhois_jpGoesThroughIanaReferralToTheJprsStyleServer() throws Exception {
        Registrant r = await(lookup.lookup("example.jp"));
        assertEquals(List.of("株式会社サンプル認証", "Sample Ninsho Co., Ltd."), r.names());
        assertEquals("whois", r.protocol());
        assertEquals("whois://whois.jprs.jp/example.jp", r.source());
        assertEquals(List.of("rdap /rdap/dns.json", "iana example.jp", "whois example.jp"), registries.requests);
    }

    @Test
    void testWhois_organizationalJpNameIsConsistentWithTheJapaneseOrEnglishName() throws Exception {
        assertTrue(await(lookup.compare("example.co.jp", "株式会社サンプル認証")).consistent());
        assertTrue(await(lookup.compare("example.co.jp", "SAMPLE NINSHO CO., LTD")).consistent());
        RegistrantComparison other = await(lookup.compare("example.co.jp", "株式会社ほかの会社"));
        assertFalse(other.consistent());
        assertTrue(other.detail().contains("株式会社サンプル認証"), other.detail());
    }

    @Test
    void testWhois_noMatchIsRefusedSayingSo() throws Exception {
        CaException e = assertThrows(CaException.class, () -> await(lookup.lookup("unregistered.jp")));
        assertEquals(ErrorKind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("no such domain"), e.getMessage());
    }

    @Test
    void testRdap_unknownDomainIsRefusedSayingSo() {
        CaException e = assertThrows(CaException.class, () -> await(lookup.lookup("nobody.com")));
        assertTrue(e.getMessage().contains("no such domain"), e.getMessage());
    }

    @Test
    void testCache_answerReusedInside48HoursAndAskedAgainAfter() throws Exception {
        await(lookup.lookup("example.jp"));
        clock.advance(Duration.ofHours(47));
        await(lookup.lookup("example.jp"));
        assertEquals(1, registries.requests.stream().filter(q -> q.equals("whois example.jp")).count());
        clock.advance(Duration.ofHours(2));
        Registrant again = await(lookup.lookup("example.jp"));
        assertEquals(T0.plus(Duration.ofHours(49)), again.fetchedAt());
        assertEquals(2, registries.requests.stream().filter(q -> q.equals("whois example.jp")).count());
    }

    @Test
    void testBootstrap_savedFileOlderThan48HoursIsFetchedAgain() throws Exception {
        saveBootstrap(T0.minus(Duration.ofHours(49)));
        await(lookup.lookup("example.com"));
        assertEquals("rdap /rdap/dns.json", registries.requests.get(0));
        JsonObject saved = new JsonObject(Files.readString(cache));
        assertEquals(T0.toString(), saved.getString("fetchedAt"));
        assertEquals(T0, await(lookup.bootstrapFetchedAt()));
    }

    @Test
    void testBootstrap_savedFileYoungerThan48HoursIsUsed() throws Exception {
        saveBootstrap(T0.minus(Duration.ofHours(47)));
        await(lookup.lookup("example.com"));
        assertEquals(List.of("rdap /rdap/domain/example.com"), registries.requests);
        assertEquals(T0.minus(Duration.ofHours(47)), await(lookup.bootstrapFetchedAt()));
    }

    @Test
    void testConfig_reuseLongerThan48HoursRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RegistrantConfig("https://x/dns.json", cache,
                "whois.iana.org", 43, Duration.ofHours(49), null));
    }

    @Test
    void testNames_companyFormsWidthAndPunctuationSetAside() {
        assertEquals(RegistrantNames.normalize("Sample Ninsho Co., Ltd."), RegistrantNames.normalize("SAMPLE NINSHO"));
        assertEquals(RegistrantNames.normalize("株式会社サンプル認証"), RegistrantNames.normalize("サンプル認証 株式会社"));
        assertEquals(RegistrantNames.normalize("ＡＢＣ Corporation"), RegistrantNames.normalize("abc"));
        assertFalse(RegistrantNames.normalize("Sample Ninsho").equals(RegistrantNames.normalize("Sample Ninja")));
    }

    /** A bootstrap file fetched at {@code at}, as the lookup would have saved it, pointing at the fake RDAP server. */
    private void saveBootstrap(Instant at) throws Exception {
        RegistrantLookupService fetcher = service();
        clock.set(at);
        await(fetcher.bootstrapFetchedAt());
        await(fetcher.close());
        clock.set(T0);
        registries.requests.clear();
        await(lookup.close());
        lookup = service();
    }

    static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
