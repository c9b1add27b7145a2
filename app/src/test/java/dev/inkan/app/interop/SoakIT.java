package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The soak: {@code inkan.soak.clients} (32) ACME clients issue for {@code inkan.soak.minutes} (10) against a sandbox of
 * their own. No answer is a server error; the server's heap (after a full GC) and thread count do not grow after the
 * warm-up; every certificate is in storage (downloaded again, byte for byte), OCSP says good for each and the CRL
 * lists none; revoked ones are then revoked on both. Not part of the default run: {@code ./inkan soak} or
 * {@code mvn -pl app -am verify -Psoak}.
 */
@EnabledIfSystemProperty(named = "inkan.soak.minutes", matches = "\\d+")
class SoakIT {
    private static final int CLIENTS = Integer.getInteger("inkan.soak.clients", 32);
    private static final Duration RUN = Duration.ofMinutes(Long.getLong("inkan.soak.minutes", 10));
    private static final Duration WARM_UP = RUN.dividedBy(5);

    private final AtomicInteger serverErrors = new AtomicInteger();
    private final AtomicInteger otherErrors = new AtomicInteger();
    private final Map<BigInteger, Issued> issued = new ConcurrentHashMap<>();
    private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    private record Issued(URL location, byte[] der, X509Certificate cert, Login login) {}

    @Test
    void testSuccess_clientsIssueForMinutesWithoutServerErrorsOrGrowth() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        Path home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("it-home-soak");
        SandboxServer.deleteTree(home);
        SandboxServer server = SandboxServer.start(home);
        try {
            SSLContext tls = Pem.trusting(server.tlsRoot());
            long started = System.nanoTime();
            long end = started + RUN.toNanos();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int n = i;
                running.add(clients.submit(() -> client(server, tls, n, end)));
            }
            Thread.sleep(WARM_UP.toMillis());
            long[] warm = footprint(server);
            for (Future<?> f : running) {
                f.get(RUN.toMillis() + 300_000, TimeUnit.MILLISECONDS);
            }
            clients.shutdown();
            long[] after = footprint(server);

            assertEquals(0, serverErrors.get(), "server errors: " + errors);
            assertEquals(0, otherErrors.get(), "client errors: " + errors);
            assertTrue(issued.size() >= CLIENTS, "only " + issued.size() + " certificates in " + RUN);
            // after a full GC: the live heap does not grow by more than a quarter (and 32 MiB of slack)
            assertTrue(after[0] <= warm[0] * 5 / 4 + (32L << 20), "heap grew from " + warm[0] + " to " + after[0]);
            assertTrue(after[1] <= warm[1] + 8, "threads grew from " + warm[1] + " to " + after[1]);
            System.out.printf("soak: %d clients, %s, %d certificates, heap %d -> %d, threads %d -> %d%n", CLIENTS,
                    RUN, issued.size(), warm[0], after[0], warm[1], after[1]);

            checkStatus(server, tls);
        } finally {
            server.stop();
        }
    }

    private void client(SandboxServer server, SSLContext tls, int n, long end) {
        try {
            Session session = new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls));
            Login login = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                    .createLogin(session);
            for (int i = 0; System.nanoTime() < end; i++) {
                String name = "c" + n + "-" + i + ".soak.example.com";
                try {
                    issue(server, login, name);
                } catch (AcmeServerException e) {
                    record(e.getType().toString().endsWith(":serverInternal"), name, e);
                } catch (Exception e) {
                    record(false, name, e);
                }
            }
        } catch (Exception e) {
            record(false, "account of client " + n, e);
        }
    }

    private void record(boolean serverError, String what, Exception e) {
        (serverError ? serverErrors : otherErrors).incrementAndGet();
        if (errors.size() < 20) {
            errors.add(what + ": " + e);
        }
    }

    private void issue(SandboxServer server, Login login, String name) throws Exception {
        Order order = login.getAccount().newOrder().domain(name).create();
        for (Authorization auth : order.getAuthorizations()) {
            Dns01Challenge c = auth.findChallenge(Dns01Challenge.class).orElseThrow();
            CtIT.post(server.managementUrl() + "/set-txt", "{\"host\":\"_acme-challenge." + name + ".\",\"value\":\""
                    + c.getDigest() + "\"}");
            c.trigger();
            if (c.waitForCompletion(Duration.ofSeconds(60)) != Status.VALID) {
                throw new IllegalStateException("challenge of " + name + " ended " + c.getStatus());
            }
        }
        order.waitUntilReady(Duration.ofSeconds(60));
        order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        if (order.waitForCompletion(Duration.ofSeconds(120)) != Status.VALID) {
            throw new IllegalStateException("order for " + name + " ended " + order.getStatus() + ": "
                    + order.getError().orElse(null));
        }
        Certificate cert = order.getCertificate();
        X509Certificate x509 = cert.getCertificate();
        issued.put(x509.getSerialNumber(), new Issued(cert.getLocation(), x509.getEncoded(), x509, login));
    }

    /** [live heap bytes after a full GC, live threads] of the server process, from jcmd and /proc. */
    private static long[] footprint(SandboxServer server) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, String.valueOf(server.pid()), "GC.run");
        String info = run(jcmd, String.valueOf(server.pid()), "GC.heap_info");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
        long used = 0;
        if (m.find()) {
            used = Long.parseLong(m.group(1)) * 1024;
        }
        long threads = Files.readAllLines(Path.of("/proc/" + server.pid() + "/status")).stream()
                .filter(l -> l.startsWith("Threads:")).mapToLong(l -> Long.parseLong(l.substring(8).trim()))
                .findFirst().orElseThrow();
        return new long[] {used, threads};
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd));
        return out;
    }

    /** Every certificate stored, good on OCSP, absent from the CRL; a few revoked, then revoked on both. */
    private void checkStatus(SandboxServer server, SSLContext tls) throws Exception {
        X509CertificateHolder issuer = new X509CertificateHolder(Pem.certificates(server.caFile("dv.pem")).get(0)
                .getEncoded());
        for (Issued i : issued.values()) {
            Certificate again = i.login().bindCertificate(i.location());
            assertArrayEquals(i.der(), again.getCertificate().getEncoded(), "stored certificate differs");
            assertNull(ocsp(i.cert(), issuer).getCertStatus(), "not good on OCSP: " + i.cert().getSerialNumber());
        }
        X509CRLHolder crl = crl(server);
        for (BigInteger serial : issued.keySet()) {
            assertNull(crl.getRevokedCertificate(serial), "listed on the CRL without being revoked: " + serial);
        }
        List<Issued> revoked = issued.values().stream().limit(3).toList();
        for (Issued i : revoked) {
            Certificate.revoke(i.login(), i.cert(), RevocationReason.SUPERSEDED);
            assertTrue(ocsp(i.cert(), issuer).getCertStatus() instanceof RevokedStatus);
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            X509CRLHolder now = crl(server);
            if (revoked.stream().allMatch(i -> now.getRevokedCertificate(i.cert().getSerialNumber()) != null)) {
                break;
            }
            assertTrue(System.nanoTime() < until, "the CRL did not list the revoked certificates");
            Thread.sleep(1000);
        }
    }

    private static org.bouncycastle.cert.ocsp.SingleResp ocsp(X509Certificate cert, X509CertificateHolder issuer)
            throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                issuer, cert.getSerialNumber());
        byte[] req = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Certs.ocspUrl(cert)))
                        .header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(req)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        OCSPResp resp = new OCSPResp(r.body());
        assertEquals(OCSPResp.SUCCESSFUL, resp.getStatus());
        return ((BasicOCSPResp) resp.getResponseObject()).getResponses()[0];
    }

    private static X509CRLHolder crl(SandboxServer server) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.publicPort + "/crl/dv.crl")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return new X509CRLHolder(r.body());
    }
}
