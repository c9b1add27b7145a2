package dev.inkan.ra.fake;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.port.RegistrantLookup;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Registrants as told; an unknown domain has none. Comparison is exact (the real one lives in validators). */
public final class ScriptedRegistrants implements RegistrantLookup {
    private final Map<String, String> registrants = new ConcurrentHashMap<>();

    public void put(String domain, String registrant) {
        registrants.put(domain, registrant);
    }

    @Override
    public Future<Registrant> lookup(String domain) {
        String name = registrants.get(domain);
        if (name == null) {
            return Future.failedFuture(new CaException(ErrorKind.DNS, "no RDAP or WHOIS server answers for " + domain));
        }
        return Future.succeededFuture(new Registrant(domain, List.of(name), "rdap",
                "https://rdap.test/domain/" + domain, Instant.EPOCH, name));
    }

    @Override
    public Future<RegistrantComparison> compare(String domain, String organizationName) {
        return lookup(domain).map(r -> new RegistrantComparison(organizationName,
                r.names().contains(organizationName), "scripted", r));
    }
}
