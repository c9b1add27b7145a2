package dev.inkan.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The user and password of the embedded store, created at random on first start and kept in a file only its
 * owner can read (0600), so that nothing else on the host can open the store.
 *
 * <p>The file holds two lines, {@code user=...} and {@code password=...}. Processes on the same host that share
 * INKAN_HOME read it to connect.
 */
public record StoreCredential(String user, String password) {
    /** The user the embedded store knows; its authentication database is {@value #SOURCE}. */
    public static final String USER = "inkan";
    public static final String SOURCE = "admin";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int PASSWORD_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public StoreCredential {
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the store credential needs a user and a password");
        }
    }

    /** A fresh credential: 256 random bits, base64url, so SASLprep leaves it unchanged (RFC 7677 §4). */
    static StoreCredential random() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return new StoreCredential(USER, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * Reads the credential in {@code file}, or creates it there (0600, written to a temporary file first, so no
     * process ever sees half a credential or a readable one).
     */
    static StoreCredential loadOrCreate(Path file) {
        if (Files.exists(file)) {
            return read(file);
        }
        StoreCredential fresh = random();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".credential", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(tmp, "user=" + fresh.user() + "\npassword=" + fresh.password() + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the store credential " + file, e);
        }
        return fresh;
    }

    /**
     * Reads a credential file. A file others could read is refused: the store's password may already have leaked,
     * and the operator must decide (delete the file to get a new password).
     */
    public static StoreCredential read(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new IllegalStateException("the store credential " + file + " has mode "
                        + PosixFilePermissions.toString(mode) + "; it must be rw------- (chmod 600)");
            }
            String user = null;
            String password = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("user=")) {
                    user = line.substring("user=".length()).trim();
                } else if (line.startsWith("password=")) {
                    password = line.substring("password=".length()).trim();
                }
            }
            if (user == null || password == null) {
                throw new IllegalStateException("the store credential " + file + " lacks a user= or password= line");
            }
            return new StoreCredential(user, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store credential " + file, e);
        }
    }

    /** The file next to the embedded store's data file that holds its credential. */
    public static Path fileFor(Path embeddedFile) {
        return embeddedFile.toAbsolutePath().resolveSibling("credential");
    }

    @Override
    public String toString() {
        return "StoreCredential[user=" + user + ", password=(hidden)]";
    }
}
