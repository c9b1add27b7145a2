package dev.inkan.vetting;

import dev.inkan.core.vetting.Evidence;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Uploaded evidence, kept in a directory no listener serves, named by its SHA-256. Only PDF, PNG and JPEG are
 * accepted, and the type is read from the content's signature, never from the file name or the upload's
 * Content-Type, which the applicant chooses.
 */
public final class EvidenceFiles {
    /** The largest document accepted. */
    public static final long MAX_BYTES = 5L * 1024 * 1024;

    private final Vertx vertx;
    private final Path directory;
    private final Clock clock;

    public EvidenceFiles(Vertx vertx, Path directory, Clock clock) {
        this.vertx = vertx;
        this.directory = directory;
        this.clock = clock;
    }

    /** The media type the bytes are, if one accepted. */
    static Optional<String> sniff(byte[] b) {
        if (startsWith(b, new byte[] {'%', 'P', 'D', 'F', '-'})) {
            return Optional.of("application/pdf");
        }
        if (startsWith(b, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
            return Optional.of("image/png");
        }
        if (startsWith(b, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return Optional.of("image/jpeg");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks an uploaded temporary file and keeps it; fails with an {@link IllegalArgumentException} whose message
     * the applicant sees when it is empty, too large or not a PDF, PNG or JPEG.
     */
    public Future<Evidence> keep(String uploadedPath, String fileName) {
        return vertx.fileSystem().readFile(uploadedPath).compose(buffer -> {
            byte[] bytes = buffer.getBytes();
            if (bytes.length == 0) {
                throw new IllegalArgumentException("ファイルが空です / the file is empty");
            }
            if (bytes.length > MAX_BYTES) {
                throw new IllegalArgumentException("ファイルは5MBまでです / files are limited to 5 MB");
            }
            String type = sniff(bytes).orElseThrow(() -> new IllegalArgumentException(
                    "PDF、PNG、JPEGのみ受け付けます（内容から判定） / only PDF, PNG or JPEG files are accepted (judged by"
                            + " their content)"));
            String sha = sha256(bytes);
            Path target = directory.resolve(sha);
            return vertx.fileSystem().mkdirs(directory.toString())
                    .compose(v -> vertx.fileSystem().writeFile(target.toString(), Buffer.buffer(bytes)))
                    .map(v -> new Evidence(UUID.randomUUID().toString(), safeName(fileName), type, bytes.length, sha,
                            clock.instant()));
        });
    }

    /** The bytes of kept evidence. */
    public Future<Buffer> read(Evidence e) {
        if (!e.sha256().matches("[0-9a-f]{64}")) {
            return Future.failedFuture(new IllegalArgumentException("bad evidence id"));
        }
        return vertx.fileSystem().readFile(directory.resolve(e.sha256()).toString());
    }

    private static String safeName(String name) {
        String n = name == null ? "upload" : name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return n.length() > 100 ? n.substring(0, 100) : n;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
