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

    private CaIds() {}
}
