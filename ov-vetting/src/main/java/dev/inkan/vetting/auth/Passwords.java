package dev.inkan.vetting.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes with Argon2id (RFC 9106), in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}: memory-hard, with the OWASP minimum parameters. Hashing takes
 * tens of milliseconds of CPU: callers run it on a worker thread, never on an event loop.
 */
public final class Passwords {
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private Passwords() {}

    /** Refuses passwords too short to resist guessing (NIST SP 800-63B: at least 8; we ask 12). */
    public static void requireStrong(String password) {
        requireStrong(password, null);
    }

    /**
     * NIST SP 800-63B §5.1.1.2: at least 12 characters (we ask more than its 8), at most 256, and not one an attacker
     * tries first: a commonly breached password (even with digits or symbols added), one made of very few distinct
     * characters, or one containing the login. No composition rules, which the same section advises against.
     */
    public static void requireStrong(String password, String login) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("パスワードは12文字以上にしてください / use a password of at least 12 characters");
        }
        if (password.length() > 256) {
            throw new IllegalArgumentException("パスワードは256文字までです / use a password of at most 256 characters");
        }
        String lower = password.toLowerCase(java.util.Locale.ROOT);
        if (lower.codePoints().distinct().count() < 5) {
            throw new IllegalArgumentException("同じ文字の繰り返しが多すぎます / the password repeats too few characters");
        }
        if (login != null && login.length() >= 3 && lower.contains(login.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("パスワードにログインIDを含めないでください / the password contains the login");
        }
        String stem = lower.replaceAll("[^\\p{L}]+$", "");
        if (Common.LIST.contains(lower) || Common.LIST.contains(stem) || Common.LIST.stream().anyMatch(lower::startsWith)) {
            throw new IllegalArgumentException("よく使われるパスワードです / the password is a commonly used one");
        }
    }

    /** The bundled list of commonly breached passwords, read once. */
    private static final class Common {
        static final java.util.Set<String> LIST = load();

        private static java.util.Set<String> load() {
            try (var in = Passwords.class.getResourceAsStream("/vetting/common-passwords.txt")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(java.util.stream.Collectors.toUnmodifiableSet());
            } catch (java.io.IOException | NullPointerException e) {
                throw new IllegalStateException("the common password list is missing from the build", e);
            }
        }
    }

    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] h = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(h);
    }

    public static boolean verify(String password, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            int v = Integer.parseInt(kv.substring(2));
            switch (kv.charAt(0)) {
                case 'm' -> m = v;
                case 't' -> t = v;
                case 'p' -> p = v;
                default -> { }
            }
        }
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        byte[] expected = Base64.getDecoder().decode(parts[5]);
        return MessageDigest.isEqual(expected, derive(password, salt, m, t, p));
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).withSalt(salt)
                .build());
        byte[] out = new byte[HASH_BYTES];
        g.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
