package dev.inkan.orderapi;

import dev.inkan.core.model.Challenge;
import java.util.Map;
import java.util.Set;

/**
 * The validation methods a reseller may choose per name, and the RA validation each one is: {@code http-01}
 * (BR 3.2.2.4.19) and {@code dns-01} (BR 3.2.2.4.7) are ACME challenges the API answers for the customer;
 * {@code email} (email to a constructed address, BR 3.2.2.4.4) and {@code file} (agreed-upon change to website v2,
 * BR 3.2.2.4.18) are the RA's validations outside ACME. A wildcard name can only be validated through DNS.
 */
final class Methods {
    static final String HTTP_01 = Challenge.HTTP_01;
    static final String DNS_01 = Challenge.DNS_01;
    static final String EMAIL = "email";
    static final String FILE = "file";
    private static final Map<String, String> RA_TYPES = Map.of(HTTP_01, Challenge.HTTP_01, DNS_01, Challenge.DNS_01,
            EMAIL, Challenge.CONSTRUCTED_EMAIL, FILE, Challenge.WEBSITE_CHANGE);
    static final Set<String> ALL = RA_TYPES.keySet();

    private Methods() {}

    /** The challenge type the RA keeps for this API method. */
    static String raType(String method) {
        return RA_TYPES.get(method);
    }

    /** A validation outside ACME, started with the RA's startDomainValidation. */
    static boolean outsideAcme(String method) {
        return method.equals(EMAIL) || method.equals(FILE);
    }
}
