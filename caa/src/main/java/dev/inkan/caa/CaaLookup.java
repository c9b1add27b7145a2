package dev.inkan.caa;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.dns.DnsAnswer;
import dev.inkan.dns.DnsResolver;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.Type;

/**
 * RFC 8659 §3: the relevant RRset of a name is the first non-empty CAA RRset found climbing from the name towards
 * the root (the root itself excluded); our resolver follows CNAMEs as any resolver does. Every level is asked at
 * once, so a deep name costs one round trip. A level that could not be looked up before the one that answered
 * fails the whole lookup: a SERVFAIL or a timeout may hide a record and is never read as "no CAA" (BR 3.2.2.8).
 */
final class CaaLookup {
    private final DnsResolver resolver;

    CaaLookup(DnsResolver resolver) {
        this.resolver = resolver;
    }

    /** Fails with a CaException of kind {@code dns} when a level could not be looked up. */
    Future<RelevantRrset> relevant(String name) {
        List<String> levels = levels(name);
        List<Future<DnsAnswer>> answers = levels.stream().map(n -> resolver.lookup(n, Type.CAA)).toList();
        return Future.join(answers).transform(ignored -> {
            List<String> queried = new ArrayList<>();
            boolean allSecure = true;
            for (int i = 0; i < levels.size(); i++) {
                Future<DnsAnswer> f = answers.get(i);
                if (f.failed()) {
                    return Future.failedFuture(lookupFailed(name, f.cause()));
                }
                DnsAnswer answer = f.result();
                queried.add(answer.describeName());
                allSecure &= answer.authenticated();
                List<CaaProperty> properties = answer.records().stream().filter(CAARecord.class::isInstance)
                        .map(r -> CaaProperty.of((CAARecord) r)).toList();
                if (!properties.isEmpty()) {
                    long ttl = answer.records().stream().mapToLong(r -> r.getTTL()).min().orElse(0);
                    return Future.succeededFuture(new RelevantRrset(answer.finalName(), properties,
                            Duration.ofSeconds(ttl), queried, dnssec(answer.authenticated())));
                }
            }
            return Future.succeededFuture(new RelevantRrset(null, List.of(), Duration.ZERO, queried, dnssec(allSecure)));
        });
    }

    private String dnssec(boolean authenticated) {
        if (!resolver.validatesDnssec()) {
            return "unvalidated";
        }
        return authenticated ? "secure" : "insecure";
    }

    /** {@code a.b.example.com}, {@code b.example.com}, {@code example.com}, {@code com}. */
    static List<String> levels(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        List<String> out = new ArrayList<>();
        while (!n.isEmpty()) {
            out.add(n);
            int dot = n.indexOf('.');
            n = dot < 0 ? "" : n.substring(dot + 1);
        }
        return out;
    }

    private static CaException lookupFailed(String name, Throwable cause) {
        String detail = cause instanceof CaException e ? e.detail() : String.valueOf(cause.getMessage());
        return new CaException(ErrorKind.DNS, "CAA records for " + name + " could not be looked up, so issuance is"
                + " refused (BR 3.2.2.8): " + detail);
    }
}
