package dev.inkan.orderapi;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM in and out (RFC 7468). */
final class Pem {
    private static final Pattern CSR = Pattern.compile(
            "-----BEGIN (NEW )?CERTIFICATE REQUEST-----([A-Za-z0-9+/=\\s]+)-----END (NEW )?CERTIFICATE REQUEST-----");

    private Pem() {}

    static byte[] csr(String pem) {
        Matcher m = CSR.matcher(pem == null ? "" : pem);
        if (!m.find()) {
            throw ApiProblem.badRequest("csr must be a PEM PKCS#10 request (-----BEGIN CERTIFICATE REQUEST-----)");
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("the CSR's base64 does not decode");
        }
    }

    static String certificate(byte[] der) {
        StringBuilder b = new StringBuilder("-----BEGIN CERTIFICATE-----\n");
        String body = Base64.getEncoder().encodeToString(der);
        for (int i = 0; i < body.length(); i += 64) {
            b.append(body, i, Math.min(body.length(), i + 64)).append('\n');
        }
        return b.append("-----END CERTIFICATE-----\n").toString();
    }
}
