package dev.inkan.orderapi;

import dev.inkan.core.model.Challenge;
import java.util.Set;

/**
 * The validation methods a reseller may choose per name, named as the RA's challenge types: http-01 (BR 3.2.2.4.19)
 * and dns-01 (BR 3.2.2.4.7). A wildcard name can only be validated through DNS (BR 3.2.2.4.19 excludes wildcards).
 */
final class Methods {
    static final String HTTP_01 = Challenge.HTTP_01;
    static final String DNS_01 = Challenge.DNS_01;
    static final Set<String> ALL = Set.of(HTTP_01, DNS_01);

    private Methods() {}
}
