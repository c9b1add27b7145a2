package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.RevocationReason;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Revocation and status through the real sandbox: OCSP with openssl (good, then revoked), the CRL fetched from the
 * certificate's own CRL DP with openssl, the staff command, ARI and replaces with acme4j, profiles, and the
 * subscriber emails in the harness SMTP sink.
 */
class RevocationIT {
    private static final String CONTACT = "revocation-it@example.com";
    private static SandboxServer server;
    private static SSLContext tls;


    @BeforeAll
    static void start() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        server = SandboxServer.shared();
        tls = Pem.trusting(server.tlsRoot());
    }

    private static Session session() {
        return new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls));
    }

    private static Account account() throws Exception {
        return new AccountBuilder().agreeToTermsOfService().addEmail(CONTACT)
                .useKeyPair(KeyPairUtils.createKeyPair()).create(session());
    }

    private static Certificate issue(Account account, KeyPair key, String profile, String... names) throws Exception {
        var builder = account.newOrder().domains(names);
        if (profile != null) {
            builder.profile(profile);
        }
        return complete(builder.create(), key);
    }

    private static Certificate complete(Order order, KeyPair key) throws Exception {
        for (Authorization auth : order.getAuthorizations()) {
            if (auth.getStatus() == Status.VALID) {
                continue;
            }
            Dns01Challenge c = auth.findChallenge(Dns01Challenge.class).orElseThrow();
            post("/set-txt", "{\"host\":\"_acme-challenge." + auth.getIdentifier().getDomain() + ".\",\"value\":\""
                    + c.getDigest() + "\"}");
            c.trigger();
            assertEquals(Status.VALID, c.waitForCompletion(Duration.ofSeconds(30)));
        }
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(30)));
        order.execute(key);
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(60)), () -> String.valueOf(order.getError()));
        Certificate cert = order.getCertificate();
        cert.download();
        return cert;
    }

    private static void post(String path, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.managementUrl() + path)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static String problemType(AcmeServerException e) {
        String type = e.getType().toString();
        return type.substring(type.lastIndexOf(':') + 1);
    }

    private static Path pem(X509Certificate c, String name) throws Exception {
        Path file = server.home.resolve("revocation-it").resolve(name + ".pem");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return file;
    }

    /** The URI in the certificate's CRL DP (BR 7.1.2.11.2: one http URI). */
    private static String crlUrl(X509Certificate c) {
        CRLDistPoint dp = CRLDistPoint.getInstance(ASN1OctetString.getInstance(
                c.getExtensionValue(Extension.cRLDistributionPoints.getId())).getOctets());
        DistributionPointName name = dp.getDistributionPoints()[0].getDistributionPoint();
        return GeneralNames.getInstance(name.getName()).getNames()[0].getName().toString();
    }

    /** {@code openssl ocsp -issuer dv.pem -cert leaf.pem -url <the certificate's AIA OCSP URL>}. */
    private static String ocsp(X509Certificate leaf, String name) throws Exception {
        return Certs.ocsp(server, pem(leaf, name));
    }

    /** {@code openssl crl -text} on the CRL fetched from the certificate's CRL DP, its signature checked. */
    private static String crl(X509Certificate leaf) throws Exception {
        String url = crlUrl(leaf);
        assertEquals("http://localhost:" + server.publicPort + "/crl/dv.crl", url);
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/pkix-crl", r.headers().firstValue("Content-Type").orElseThrow());
        Path file = server.home.resolve("revocation-it/dv-" + System.nanoTime() + ".crl");
        Files.write(file, r.body());
        ClientRun run = ClientRun.run(server.home, Map.of(), List.of("openssl", "crl", "-inform", "DER", "-in",
                file.toString(), "-text", "-noout", "-CAfile", server.caFile("dv.pem").toString()));
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.output().contains("verify OK"), run.describe());
        return run.output();
    }

    /** As {@code openssl crl -text} prints it: whole bytes, so an odd number of hex digits gets a leading 0. */
    private static String serialLine(X509Certificate c) {
        String hex = c.getSerialNumber().toString(16).toUpperCase();
        return "Serial Number: " + (hex.length() % 2 == 1 ? "0" + hex : hex);
    }

    @Test
    void testSuccess_ocspSaysGoodThenRevokedAndTheCrlListsTheSerialWithItsReason() throws Exception {
        Account account = account();
        Certificate cert = issue(account, KeyPairUtils.createECKeyPair("secp256r1"), null, "status-a.example.com");
        X509Certificate leaf = cert.getCertificate();
        assertTrue(ocsp(leaf, "a").contains(": good"), ocsp(leaf, "a"));
        assertFalse(crl(leaf).contains(serialLine(leaf)));

        cert.revoke(RevocationReason.SUPERSEDED);

        String answer = ocsp(leaf, "a");
        assertTrue(answer.contains(": revoked") && answer.contains("Reason: superseded"), answer);
        String crl = crl(leaf);
        assertTrue(crl.contains(serialLine(leaf)), crl);
        assertTrue(crl.contains("Superseded"), crl);
    }

    @Test
    void testSuccess_theRevokeCommandRevokesThroughTheRunningServerAndBlocksTheKey() throws Exception {
        Account account = account();
        KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
        X509Certificate leaf = issue(account, key, null, "status-b.example.com").getCertificate();

        ClientRun run = ClientRun.run(server.home, Map.of("INKAN_HOME", server.home.toString()), List.of(
                SandboxServer.javaBin(), "-jar", SandboxServer.jar().toString(), "revoke",
                "--serial", leaf.getSerialNumber().toString(16), "--reason", "keyCompromise", "--staff", "it"));

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.output().contains("the server published a new CRL"), run.describe());
        String answer = ocsp(leaf, "b");
        assertTrue(answer.contains("Reason: keyCompromise"), answer);
        assertTrue(crl(leaf).contains("Key Compromise"));
        // BR 6.1.1.3 (4): the key is never certified again; issuance runs after finalize, so the order fails
        Order again = account.newOrder().domain("status-b2.example.com").create();
        AssertionError refused = assertThrows(AssertionError.class, () -> complete(again, key));
        assertEquals(Status.INVALID, again.getStatus());
        assertTrue(again.getError().orElseThrow().getDetail().orElse("").contains("blocklist"), refused.getMessage());
    }

    @Test
    void testSuccess_renewalInfoForAFreshAndForARevokedCertificate() throws Exception {
        Account account = account();
        Certificate fresh = issue(account, KeyPairUtils.createECKeyPair("secp256r1"), null, "status-c.example.com");
        Certificate revoked = issue(account, KeyPairUtils.createECKeyPair("secp256r1"), null, "status-d.example.com");
        revoked.revoke();

        X509Certificate leaf = fresh.getCertificate();
        RenewalInfo freshInfo = fresh.getRenewalInfo();
        Duration life = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        assertEquals(leaf.getNotAfter().toInstant().minus(life.dividedBy(3)).getEpochSecond(),
                freshInfo.getSuggestedWindowStart().getEpochSecond(), 1);
        assertTrue(freshInfo.renewalIsNotRequired(Instant.now()));

        RenewalInfo revokedInfo = revoked.getRenewalInfo();
        assertTrue(revokedInfo.getSuggestedWindowEnd().isBefore(Instant.now()));
        assertTrue(revokedInfo.renewalIsOverdue(Instant.now()));
    }

    @Test
    void testSuccess_replacesIsAcceptedOnceThenAlreadyReplaced() throws Exception {
        Account account = account();
        Certificate old = issue(account, KeyPairUtils.createECKeyPair("secp256r1"), null, "status-e.example.com");

        Order renewal = account.newOrder().domain("status-e.example.com").replaces(old).create();
        String location = old.getRenewalInfoLocation().orElseThrow().toString();
        String certId = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(certId, renewal.getJSON().get("replaces").asString());

        AcmeServerException second = assertThrows(AcmeServerException.class,
                () -> account.newOrder().domain("status-e.example.com").replaces(old).create());
        assertEquals("alreadyReplaced", problemType(second));
    }

    @Test
    void testSuccess_profilesAreAdvertisedAndShortlivedLastsAWeekAtMost() throws Exception {
        var meta = session().getMetadata();
        assertTrue(meta.getProfiles().containsAll(List.of("dv", "shortlived")), meta.getProfiles().toString());
        // offered, but only to accounts bound to a vetted organization (OvRefusalsIT)
        assertTrue(meta.isProfileAllowed("ov"));
        assertTrue(meta.getProfileDescription("shortlived").orElseThrow().contains("7 days"));

        Account account = account();
        X509Certificate leaf = issue(account, KeyPairUtils.createECKeyPair("secp256r1"), "shortlived",
                "status-f.example.com").getCertificate();
        Duration life = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        assertTrue(life.compareTo(Duration.ofDays(7)) <= 0, life.toString());

    }

    @Test
    void testSuccess_theSubscriberIsMailedAtIssuanceAndAtRevocation() throws Exception {
        Account account = account();
        Certificate cert = issue(account, KeyPairUtils.createECKeyPair("secp256r1"), null, "status-h.example.com");
        cert.revoke();

        String serial = cert.getCertificate().getSerialNumber().toString(16);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> mails = List.of();
        while (System.nanoTime() < deadline) {
            mails = mailsAbout(serial);
            if (mails.size() >= 2) {
                break;
            }
            Thread.sleep(200);
        }
        assertTrue(mails.stream().anyMatch(m -> m.contains("Subject: Certificate issued for status-h.example.com")),
                String.join("\n---\n", mails));
        assertTrue(mails.stream().anyMatch(m -> m.contains("Subject: Certificate revoked for status-h.example.com")),
                String.join("\n---\n", mails));
        assertTrue(mails.stream().allMatch(m -> m.contains("X-Envelope-To: " + CONTACT)));
    }

    private static List<String> mailsAbout(String serial) throws Exception {
        Path spool = server.home.resolve("mail");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(p -> p.toString().endsWith(".eml")).map(RevocationIT::read)
                    .filter(text -> text.contains(serial)).toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
