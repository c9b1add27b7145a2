package dev.inkan.core.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BR 6.1.1.3 (5): RSA keys made by OpenSSL on Debian between 2006-09 and 2008-05 (CVE-2008-0166), whose only
 * entropy was the process id, so every such key is known. Each key is named as Debian's {@code openssl-vulnkey} and
 * {@code openssl-blacklist} name it: the SHA-1 of {@code "Modulus=" + uppercase hex modulus + "\n"} (what
 * {@code openssl rsa -noout -modulus | sha1sum} hashes), keeping its last 80 bits as 20 lowercase hex digits. A file
 * is one fingerprint a line, {@code #} comments allowed, so Debian's {@code blacklist.RSA-2048} files load unchanged.
 *
 * <p>The lists this release ships, their provenance and the command that regenerates them are in
 * {@code debian-weak-keys/PROVENANCE.md} beside this class's resources.
 */
public final class DebianWeakKeys {
    /** The sizes the subscriber key policy accepts; a list per size, as Debian ships them. */
    static final List<Integer> SIZES = List.of(2048, 3072, 4096);
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{20}");

    private final Set<String> fingerprints;

    private DebianWeakKeys(Set<String> fingerprints) {
        this.fingerprints = Set.copyOf(fingerprints);
    }

    /** No list: nothing is refused as a Debian weak key. */
    public static DebianWeakKeys none() {
        return new DebianWeakKeys(Set.of());
    }

    /** The lists shipped in this jar ({@code debian-weak-keys/blacklist.RSA-<bits>}). */
    public static DebianWeakKeys shipped() {
        Set<String> all = new HashSet<>();
        for (int bits : SIZES) {
            try (InputStream in = DebianWeakKeys.class.getResourceAsStream("debian-weak-keys/blacklist.RSA-" + bits)) {
                if (in != null) {
                    all.addAll(parse(read(in)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Debian weak-key list for RSA " + bits, e);
            }
        }
        return new DebianWeakKeys(all);
    }

    /** A list in Debian's format; a line that is neither a comment nor a fingerprint is an error. */
    public static DebianWeakKeys of(List<String> lines) {
        return new DebianWeakKeys(parse(lines));
    }

    public boolean contains(BigInteger modulus) {
        return fingerprints.contains(fingerprint(modulus));
    }

    public int size() {
        return fingerprints.size();
    }

    /** Debian's name for a modulus: the last 20 hex digits of SHA-1("Modulus=HEX\n"). */
    public static String fingerprint(BigInteger modulus) {
        byte[] magnitude = modulus.toByteArray();
        int start = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        String hex = HexFormat.of().withUpperCase().formatHex(magnitude, start, magnitude.length);
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest(("Modulus=" + hex + "\n").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1, 10, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-1", e);
        }
    }

    private static Set<String> parse(List<String> lines) {
        Set<String> parsed = new HashSet<>();
        int number = 0;
        for (String line : lines) {
            number++;
            String l = line.strip().toLowerCase(Locale.ROOT);
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (!FINGERPRINT.matcher(l).matches()) {
                throw new IllegalArgumentException("line " + number + " of a Debian weak-key list is not 20 hex digits");
            }
            parsed.add(l);
        }
        return parsed;
    }

    private static List<String> read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
