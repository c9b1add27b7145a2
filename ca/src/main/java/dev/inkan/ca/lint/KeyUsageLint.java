package dev.inkan.ca.lint;

import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * BR 7.1.2.7.11: digitalSignature; keyEncipherment only with an RSA key (for ECDSA nothing else is allowed); no
 * other bit.
 */
final class KeyUsageLint implements CertificateLint {
    @Override
    public String name() {
        return "key_usage";
    }

    @Override
    public Optional<String> check(LintedCertificate c) {
        Extension ku = c.extension(Extension.keyUsage);
        if (ku == null) {
            return Optional.of("the certificate has no keyUsage");
        }
        KeyUsage usage = KeyUsage.getInstance(ku.getParsedValue());
        boolean rsa = c.certificate().getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm()
                .equals(PKCSObjectIdentifiers.rsaEncryption);
        int allowed = KeyUsage.digitalSignature | (rsa ? KeyUsage.keyEncipherment : 0);
        if (!usage.hasUsages(KeyUsage.digitalSignature)) {
            return Optional.of("keyUsage lacks digitalSignature");
        }
        byte[] bits = usage.getBytes();
        int value = (bits.length > 0 ? bits[0] & 0xff : 0) | (bits.length > 1 ? (bits[1] & 0xff) << 8 : 0);
        if ((value & ~allowed) != 0) {
            return Optional.of("keyUsage has bits beyond digitalSignature" + (rsa ? " and keyEncipherment" : ""));
        }
        return Optional.empty();
    }
}
