package dev.inkan.ca.ceremony;

import dev.inkan.core.model.CaCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the CA certificates as PEM (RFC 7468) files: {@code <id>.pem} for each, and {@code <id>-chain.pem}
 * (issuing CA then root) for each issuing CA. Each file is written to a temporary file and renamed, so a reader
 * never sees half a file. Blocking.
 */
final class PemExport {
    private final Path dir;

    PemExport(Path dir) {
        this.dir = dir;
    }

    /** The files written, by name. */
    Map<String, Path> write(List<CaCertificate> certificates) {
        Map<String, String> files = new LinkedHashMap<>();
        for (CaCertificate c : certificates) {
            files.put(c.id() + ".pem", pem(c.der()));
        }
        for (CaCertificate c : certificates) {
            if (c.role().equals(CaDefinition.ISSUING)) {
                find(certificates, c.issuerId()).ifPresent(root ->
                        files.put(c.id() + "-chain.pem", pem(c.der()) + pem(root.der())));
            }
        }
        Map<String, Path> written = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                written.put(f.getKey(), writeAtomically(dir.resolve(f.getKey()), f.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export CA certificates to " + dir, e);
        }
        return written;
    }

    static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    private static Optional<CaCertificate> find(List<CaCertificate> certificates, String id) {
        return certificates.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    private static Path writeAtomically(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
