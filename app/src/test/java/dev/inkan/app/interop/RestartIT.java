package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Security;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.util.KeyPairUtils;

/** The CA keeps its keys and its data across a clean stop and across SIGKILL. */
class RestartIT {

    @Test
    void testSuccess_sigkillAndRestartKeepKeysCeremonyOutputAndAccounts() throws Exception {
        Security.addProvider(new BouncyCastleProvider());
        Path home = Path.of(System.getProperty("inkan.itHome", "target/it-home")).toAbsolutePath()
                .resolveSibling("it-restart-home");
        SandboxServer.deleteTree(home);
        SandboxServer first = SandboxServer.start(home);
        Map<String, String> spkis;
        URL account;
        KeyPair accountKey = KeyPairUtils.createKeyPair();
        try {
            spkis = caSpkis(first);
            account = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey)
                    .create(session(first)).getLocation();
        } finally {
            first.kill();
        }

        SandboxServer second = SandboxServer.start(home);
        try {
            assertEquals(spkis, caSpkis(second), "the same CA keys after SIGKILL");
            URL again = new AccountBuilder().onlyExisting().useKeyPair(accountKey).create(session(second)).getLocation();
            assertEquals(account.getPath(), again.getPath(), "the account written before SIGKILL is still there");
            assertTrue(second.log().contains("reusing it"), second.tail());
        } finally {
            second.stop();
        }

        SandboxServer third = SandboxServer.start(home);
        try {
            assertEquals(spkis, caSpkis(third), "the same CA keys after a clean stop");
        } finally {
            third.stop();
        }
    }

    private static Map<String, String> caSpkis(SandboxServer server) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : new String[] {"root", "dv", "ov", "ocsp-dv", "ocsp-ov"}) {
            Path pem = server.caFile(id + ".pem");
            assertTrue(Files.isRegularFile(pem), pem + " exported");
            byte[] spki = Pem.certificates(pem).get(0).getPublicKey().getEncoded();
            out.put(id, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki)));
        }
        return out;
    }

    private static Session session(SandboxServer server) throws Exception {
        SSLContext tls = Pem.trusting(server.tlsRoot());
        return new Session(URI.create(server.directoryUrl()), new SandboxProvider(tls));
    }
}
