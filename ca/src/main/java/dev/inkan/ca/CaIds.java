package dev.inkan.ca;

import java.util.List;

/** The ids of the ceremony's certificates; each is also the alias of its key in the token. */
public final class CaIds {
    public static final String ROOT = "root";
    public static final String DV = "dv";
    public static final String OV = "ov";
    public static final String OCSP_DV = "ocsp-dv";
    public static final String OCSP_OV = "ocsp-ov";
    /** Every key the signer needs, parents first. */
    public static final List<String> ALL = List.of(ROOT, DV, OV, OCSP_DV, OCSP_OV);

    /** The delegated OCSP responder of an issuing CA (CP 002 table 7.3.1). */
    public static String ocspResponderOf(String issuingCaId) {
        return "ocsp-" + issuingCaId;
    }

    /**
     * The key alias of a responder's later generation: {@code ocsp-dv.2}, {@code ocsp-dv.3}, ... (the ceremony's
     * {@code ocsp-dv} is generation 1). Responder certificates are short-lived and rotated; each generation is a
     * new key, never a replaced one.
     */
    public static String responderGeneration(String issuingCaId, int generation) {
        return generation == 1 ? ocspResponderOf(issuingCaId) : ocspResponderOf(issuingCaId) + "." + generation;
    }

    /** The generation of a responder alias of this issuing CA, or 0 when the alias is not one. */
    public static int generationOf(String alias, String issuingCaId) {
        String base = ocspResponderOf(issuingCaId);
        if (alias.equals(base)) {
            return 1;
        }
        if (alias.startsWith(base + ".")) {
            try {
                int n = Integer.parseInt(alias.substring(base.length() + 1));
                return n > 1 ? n : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private CaIds() {}
}
