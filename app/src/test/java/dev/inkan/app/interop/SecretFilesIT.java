package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a running sandbox keeps in INKAN_HOME that is a key or a credential is readable by its owner alone. */
@Timeout(300)
class SecretFilesIT {
    @Test
    void testSuccess_everyKeyAndCredentialFileIsOwnerOnly() throws Exception {
        Path home = SandboxServer.shared().home;
        List<Path> secrets = new ArrayList<>(List.of(
                home.resolve("tls/server-key.pem"),       // the ACME listener's TLS key
                home.resolve("store/credential"),         // the embedded store's password
                home.resolve("store/inkan.mv"),           // the store itself
                home.resolve("softhsm/softhsm2.conf")));
        for (String optional : List.of("admin.json", "vetting/sandbox-staff.txt")) {
            if (Files.exists(home.resolve(optional))) {
                secrets.add(home.resolve(optional));
            }
        }
        try (Stream<Path> token = Files.walk(home.resolve("softhsm/tokens"))) {
            // the CA's private keys, wrapped by the token's PIN-derived key
            token.filter(Files::isRegularFile).forEach(secrets::add);
        }
        assertTrue(secrets.stream().anyMatch(p -> p.toString().endsWith(".object")), secrets.toString());
        List<String> loose = new ArrayList<>();
        for (Path p : secrets) {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            if (!mode.equals("rw-------")) {
                loose.add(home.relativize(p) + " " + mode);
            }
        }
        assertEquals(List.of(), loose);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("store"))));
    }
}
