package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import dev.inkan.dns.DnsAnswer;
import dev.inkan.dns.DnsResolver;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.xbill.DNS.Type;

/**
 * dns-01 (RFC 8555 §8.4, BR 3.2.2.4.7): a TXT record at {@code _acme-challenge.<name>}, CNAMEs followed, one of
 * whose values is base64url(SHA-256(key authorization)). Other values beside it are fine (RFC 8555 §8.4 lets a
 * client leave several, e.g. for a name and its wildcard).
 */
final class Dns01Check {
    static final String METHOD = Challenge.DNS_01;
    static final String BR_SECTION = BrSection.of("3.2.2.4.7");
    static final String LABEL = "_acme-challenge.";
    private static final int MAX_VALUES_SHOWN = 5;

    private final DnsResolver resolver;
    private final ValidatorConfig config;
    private final Clock clock;

    Dns01Check(DnsResolver resolver, ValidatorConfig config, Clock clock) {
        this.resolver = resolver;
        this.config = config;
        this.clock = clock;
    }

    Future<ValidationOutcome> validate(String name, String keyAuthorization) {
        String qname = LABEL + name;
        String expected = KeyAuthorizationDigest.of(keyAuthorization);
        return resolver.lookup(qname, Type.TXT).transform(ar -> {
            if (ar.failed()) {
                return Future.succeededFuture(new ValidationOutcome(false, CaException.problemOf(ar.cause()),
                        List.of(record(name, qname, null, null))));
            }
            DnsAnswer answer = ar.result();
            List<String> values = answer.txtValues();
            ValidationRecord rec = record(name, answer.describeName(),
                    values.isEmpty() ? null : Excerpt.of(String.join(" ", values)), resolver.dnssecStatus(answer));
            if (values.contains(expected)) {
                return Future.succeededFuture(new ValidationOutcome(true, null, List.of(rec)));
            }
            return Future.succeededFuture(new ValidationOutcome(false,
                    new CaException(ErrorKind.UNAUTHORIZED, mismatch(answer, values, expected)).problem(), List.of(rec)));
        });
    }

    private static String mismatch(DnsAnswer answer, List<String> values, String expected) {
        if (values.isEmpty()) {
            return "No TXT record found at " + answer.describeName() + (answer.nxdomain() ? " (NXDOMAIN)" : "")
                    + "; expected one with the value \"" + expected + "\"";
        }
        String shown = values.stream().limit(MAX_VALUES_SHOWN).map(v -> "\"" + Excerpt.of(v) + "\"")
                .collect(Collectors.joining(", "));
        String more = values.size() > MAX_VALUES_SHOWN ? " and " + (values.size() - MAX_VALUES_SHOWN) + " more" : "";
        return "Incorrect TXT record" + (values.size() > 1 ? "s " : " ") + shown + more + " found at "
                + answer.describeName() + "; expected \"" + expected + "\"";
    }

    /** @param dnssec BR 3.2.2.4: whether DNSSEC vouched for the TXT records, kept as CAA keeps it */
    private ValidationRecord record(String name, String queried, String valueSeen, String dnssec) {
        return new ValidationRecord(METHOD, BR_SECTION, name, queried, List.of(), null, valueSeen,
                config.perspective(), clock.instant(), dnssec);
    }
}
