package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.dns.DnsAnswer;
import dev.inkan.dns.DnsResolver;
import io.vertx.core.Future;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/**
 * The addresses a validation may connect to for a host: A and AAAA from our resolver (never the system's), those
 * the address policy refuses dropped, IPv4 first. No usable address is a {@code dns} problem that says why.
 */
final class HostAddresses {
    private final DnsResolver resolver;
    private final AddressPolicy policy;

    HostAddresses(DnsResolver resolver, AddressPolicy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    /** Every address the resolver gave, usable or not, and the usable ones in the order to try them. */
    record Resolved(List<InetAddress> all, List<InetAddress> usable) {}

    Future<Resolved> resolve(String host) {
        Future<DnsAnswer> a = resolver.lookup(host, Type.A);
        Future<DnsAnswer> aaaa = resolver.lookup(host, Type.AAAA);
        return Future.join(a, aaaa).transform(ignored -> {
            List<InetAddress> all = new ArrayList<>();
            if (a.succeeded()) {
                all.addAll(a.result().addresses());
            }
            if (aaaa.succeeded()) {
                all.addAll(aaaa.result().addresses());
            }
            if (all.isEmpty()) {
                Throwable failure = a.failed() ? a.cause() : aaaa.failed() ? aaaa.cause() : null;
                if (failure != null) {
                    return Future.failedFuture(failure);
                }
                boolean nx = a.result().nxdomain();
                return Future.failedFuture(new CaException(ErrorKind.DNS, "DNS problem: "
                        + (nx ? "NXDOMAIN looking up A for " + host : "no A or AAAA records found for " + host)));
            }
            List<InetAddress> usable = all.stream().filter(policy::allows)
                    .sorted((x, y) -> Boolean.compare(!(x instanceof Inet4Address), !(y instanceof Inet4Address)))
                    .toList();
            if (usable.isEmpty()) {
                return Future.failedFuture(new CaException(ErrorKind.DNS, "DNS problem: " + host
                        + " resolves only to addresses the CA does not connect to (" + policy.describe() + "): "
                        + all.stream().map(InetAddress::getHostAddress).toList()));
            }
            return Future.succeededFuture(new Resolved(all, usable));
        });
    }
}
