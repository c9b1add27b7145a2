package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Identifier;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/** tls-alpn-01 (RFC 8737, BR 3.2.2.4.20) end to end: acme4j serving its own challenge certificate, and lego --tls. */
class TlsAlpnIT {
    private static SandboxServer server;
    private static SSLContext tls;


    @BeforeAll
    static void start() throws Exception {
        java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        server = SandboxServer.shared();
        tls = Pem.trusting(server.tlsRoot());
    }

    private static Account newAccount() throws Exception {
        return new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                .create(new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls)));
    }

    /** What an acme4j user runs on port 443: one handshake per connection with the challenge certificate. */
    private static final class ChallengeServer implements AutoCloseable {
        private final SSLServerSocket socket;
        private final Thread thread;

        ChallengeServer(KeyPair key, X509Certificate cert, int port) throws Exception {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("alpn", key.getPrivate(), new char[0], new X509Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            socket = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            thread = new Thread(this::serve, "tls-alpn-01 challenge server");
            thread.start();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (SSLSocket s = (SSLSocket) socket.accept()) {
                    s.setHandshakeApplicationProtocolSelector((c, offered) ->
                            offered.contains(TlsAlpn01Challenge.ACME_TLS_1_PROTOCOL)
                                    ? TlsAlpn01Challenge.ACME_TLS_1_PROTOCOL : null);
                    s.startHandshake();
                } catch (IOException e) {
                    // closed, or a handshake the client gave up
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5000);
        }
    }

    @Test
    void testSuccess_acme4jTlsAlpn01Issues() throws Exception {
        String name = "acme4j.tls-alpn-it.example.com";
        Account account = newAccount();
        Order order = account.newOrder().domain(name).create();
        Authorization auth = order.getAuthorizations().get(0);
        TlsAlpn01Challenge challenge = auth.findChallenge(TlsAlpn01Challenge.class).orElseThrow();
        KeyPair challengeKey = KeyPairUtils.createKeyPair(2048); // acme4j signs the challenge certificate with RSA
        X509Certificate cert = challenge.createCertificate(challengeKey, Identifier.dns(name));
        try (ChallengeServer site = new ChallengeServer(challengeKey, cert, server.tlsPort)) {
            challenge.trigger();
            assertEquals(Status.VALID, challenge.waitForCompletion(Duration.ofSeconds(30)),
                    () -> String.valueOf(challenge.getError()));
        }
        assertEquals(Status.READY, order.waitUntilReady(Duration.ofSeconds(30)));
        order.execute(KeyPairUtils.createECKeyPair("secp256r1"));
        assertEquals(Status.VALID, order.waitForCompletion(Duration.ofSeconds(60)));
        assertEquals(List.of(List.of(2, name)),
                List.copyOf(order.getCertificate().getCertificate().getSubjectAlternativeNames()));
    }

    @Test
    void testFailure_certificateForAnotherKeyAuthorizationIsRefused() throws Exception {
        String name = "wrong.tls-alpn-it.example.com";
        Account account = newAccount();
        TlsAlpn01Challenge challenge = account.newOrder().domain(name).create().getAuthorizations().get(0)
                .findChallenge(TlsAlpn01Challenge.class).orElseThrow();
        KeyPair challengeKey = KeyPairUtils.createKeyPair(2048); // acme4j signs the challenge certificate with RSA
        X509Certificate cert = org.shredzone.acme4j.util.CertificateUtils.createTlsAlpn01Certificate(
                challengeKey, Identifier.dns(name), new byte[32]);
        try (ChallengeServer site = new ChallengeServer(challengeKey, cert, server.tlsPort)) {
            challenge.trigger();
            assertEquals(Status.INVALID, challenge.waitForCompletion(Duration.ofSeconds(30)));
        }
        assertEquals("urn:ietf:params:acme:error:unauthorized",
                challenge.getError().orElseThrow().getType().toString());
    }

    @Test
    void testSuccess_wildcardIsNotOfferedTlsAlpn01() throws Exception {
        Order order = newAccount().newOrder().domain("*.tls-alpn-it.example.com").create();
        List<String> types = order.getAuthorizations().get(0).getChallenges().stream().map(Challenge::getType).toList();
        assertFalse(types.contains(TlsAlpn01Challenge.TYPE), types.toString());
    }

    @Test
    void testSuccess_legoTlsChallengeIssues() throws Exception {
        Path dir = server.home.resolve("lego-tls");
        Files.createDirectories(dir);
        String name = "lego.tls-alpn-it.example.com";
        ClientRun run = ClientRun.run(dir, Map.of("LEGO_CA_CERTIFICATES", server.tlsRoot().toString()),
                List.of("lego", "--server", server.directoryUrl(), "--accept-tos", "--email", "ops@example.com",
                        "--path", dir.resolve("data").toString(), "--key-type", "ec256", "--domains", name,
                        "--tls", "--tls.port", "127.0.0.1:" + server.tlsPort, "run"));
        assertEquals(0, run.exitCode(), run.describe());
        Path cert = dir.resolve("data/certificates/" + name + ".crt");
        assertEquals(List.of(name), Certs.dnsNames(cert));
        Certs.assertVerifies(server, cert, "dv.pem");
    }
}
