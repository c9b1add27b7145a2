package dev.inkan.dns;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * Our one DNS client, for domain validation and CAA alike: asks only the configured resolvers (in order, the next one when a resolver times
 * out or fails), follows CNAME chains, and fails with a {@code dns} problem that says what went wrong (SERVFAIL,
 * timeout) instead of reporting "no record". Queries go out on dnsjava's non-blocking I/O; results come back on
 * the caller's Vert.x context.
 */
public final class DnsResolver {
    /** More than any resolver follows (Unbound: 11); a longer chain is a loop or abuse. */
    static final int MAX_CNAME_HOPS = 10;

    private final Vertx vertx;
    private final List<Resolver> upstreams;
    private final List<String> servers;
    private final Duration timeout;
    private final boolean validating;

    /** A resolver that does not validate DNSSEC. */
    public DnsResolver(Vertx vertx, List<InetSocketAddress> resolvers, Duration timeout) {
        this(vertx, resolvers, timeout, null, null);
    }

    /**
     * @param anchors null for no DNSSEC validation; otherwise every answer is validated from these anchors by
     *                dnsjava's validating resolver (RFC 4035 §5, NSEC3, SHA-2), with its own key cache
     * @param clock   the time signatures are checked against; only used when validating
     */
    DnsResolver(Vertx vertx, List<InetSocketAddress> resolvers, Duration timeout, TrustAnchors anchors, Clock clock) {
        if (resolvers.isEmpty()) {
            throw new IllegalArgumentException("at least one resolver is needed");
        }
        this.vertx = vertx;
        this.timeout = timeout;
        this.validating = anchors != null;
        this.servers = resolvers.stream().map(DnsResolver::hostPort).toList();
        this.upstreams = resolvers.stream().map(a -> {
            SimpleResolver r = new SimpleResolver(a);
            r.setTimeout(timeout);
            return anchors == null ? (Resolver) r : validating(r, anchors, clock);
        }).toList();
    }

    private static Resolver validating(SimpleResolver head, TrustAnchors anchors, Clock clock) {
        ValidatingResolver v = new ValidatingResolver(head, clock);
        try {
            v.loadTrustAnchors(anchors.open());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("bad DNSSEC trust anchors in " + anchors + ": " + e.getMessage(), e);
        }
        v.setAddReasonToAdditional(true);
        return v;
    }

    /** Whether every answer is DNSSEC-validated from the configured trust anchors (BR 3.2.2.4, 3.2.2.8.1). */
    public boolean validatesDnssec() {
        return validating;
    }

    /**
     * How far DNSSEC vouches for this answer, in the words validation and CAA records use: {@code secure} (every
     * RRset of the chain validated), {@code insecure} (validated, and provably unsigned), {@code unvalidated} (this
     * resolver does not validate).
     */
    public String dnssecStatus(DnsAnswer answer) {
        if (!validating) {
            return "unvalidated";
        }
        return answer.authenticated() ? "secure" : "insecure";
    }

    /** The resolver a configuration asks for: validating when it names DNSSEC trust anchors. */
    public static DnsResolver of(Vertx vertx, DnsConfig config, Clock clock) {
        return new DnsResolver(vertx, config.resolverAddresses(), config.timeout(),
                TrustAnchors.of(config.dnssecTrustAnchors()), clock);
    }

    /** The records of type at name, CNAMEs followed. Fails with a CaException of kind {@code dns} (or malformed). */
    public Future<DnsAnswer> lookup(String name, int type) {
        String qname = normalize(name);
        Name asked;
        try {
            asked = Name.fromString(qname + ".");
        } catch (TextParseException e) {
            return Future.failedFuture(new CaException(ErrorKind.MALFORMED, "\"" + name + "\" is not a valid DNS name"));
        }
        Context context = vertx.getOrCreateContext();
        return follow(context, qname, asked, type, new ArrayList<>(), new HashSet<>(List.of(qname)), true);
    }

    private Future<DnsAnswer> follow(Context ctx, String qname, Name current, int type, List<String> chain,
            Set<String> seen, boolean secureSoFar) {
        return query(ctx, current, type, 0).compose(answered -> {
            Message m = answered.message();
            boolean secure = secureSoFar && validating && answered.authenticated();
            Name at = current;
            // The answer may carry the whole chain (as a recursive resolver returns it); walk what it holds.
            while (true) {
                List<Record> found = recordsAt(m, at, type);
                if (!found.isEmpty() || type == Type.CNAME) {
                    return Future.succeededFuture(
                            new DnsAnswer(qname, type, found, chain, false, answered.server(), secure));
                }
                Name next = cnameTarget(m, at);
                if (next == null) {
                    break;
                }
                Future<Void> hop = addHop(chain, seen, qname, next);
                if (hop.failed()) {
                    return Future.failedFuture(hop.cause());
                }
                at = next;
            }
            if (!at.equals(current) && m.getRcode() == Rcode.NOERROR) {
                // The answer stopped at a CNAME target without its records (an upstream that does not chase
                // aliases): ask for the target itself.
                return follow(ctx, qname, at, type, chain, seen, secure);
            }
            boolean nxdomain = m.getRcode() == Rcode.NXDOMAIN;
            return Future.succeededFuture(
                    new DnsAnswer(qname, type, List.of(), chain, nxdomain, answered.server(), secure));
        });
    }

    private static Future<Void> addHop(List<String> chain, Set<String> seen, String qname, Name next) {
        String n = normalize(next.toString());
        if (!seen.add(n)) {
            return Future.failedFuture(new CaException(ErrorKind.DNS,
                    "DNS problem: CNAME loop at " + n + " while looking up " + qname));
        }
        chain.add(n);
        if (chain.size() > MAX_CNAME_HOPS) {
            return Future.failedFuture(new CaException(ErrorKind.DNS,
                    "DNS problem: more than " + MAX_CNAME_HOPS + " CNAMEs while looking up " + qname));
        }
        return Future.succeededFuture();
    }

    private record Answered(Message message, String server) {
        /** RFC 4035 §3.2.3: the validating resolver set AD, so every RRset in the answer is secure. */
        boolean authenticated() {
            return message.getHeader().getFlag(Flags.AD);
        }
    }

    /** Asks resolver i, then the next ones while a resolver times out, fails or answers SERVFAIL/REFUSED. */
    private Future<Answered> query(Context ctx, Name name, int type, int i) {
        Resolver upstream = upstreams.get(i);
        String server = servers.get(i);
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return Future.fromCompletionStage(upstream.sendAsync(q), ctx)
                .transform(ar -> {
                    if (ar.succeeded()) {
                        int rcode = ar.result().getRcode();
                        if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                            return Future.succeededFuture(new Answered(ar.result(), server));
                        }
                        return Future.failedFuture(problem(Rcode.string(rcode) + validationFailure(ar.result()), name,
                                type, server));
                    }
                    return Future.failedFuture(problem(failure(ar.cause()), name, type, server));
                })
                .recover(err -> i + 1 < upstreams.size() ? query(ctx, name, type, i + 1) : Future.failedFuture(err));
    }

    /**
     * A validating resolver answers a bogus response with SERVFAIL and puts why in a TXT record of its private class
     * in the additional section; BR 3.2.2.8.1 says such a failure is never permission to issue.
     */
    private String validationFailure(Message m) {
        if (!validating) {
            return "";
        }
        for (Record r : m.getSection(Section.ADDITIONAL)) {
            if (r instanceof TXTRecord txt && r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS) {
                return " (DNSSEC validation failed: " + String.join(" ", txt.getStrings()) + ")";
            }
        }
        return "";
    }

    private String failure(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof TimeoutException || c instanceof java.net.SocketTimeoutException) {
            return "query timed out after " + timeout.toMillis() + " ms";
        }
        return "query failed (" + (c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()) + ")";
    }

    private static CaException problem(String what, Name name, int type, String server) {
        return new CaException(ErrorKind.DNS, "DNS problem: " + what + " looking up " + Type.string(type) + " for "
                + normalize(name.toString()) + " at resolver " + server);
    }

    private static List<Record> recordsAt(Message m, Name owner, int type) {
        List<Record> out = new ArrayList<>();
        for (Record r : m.getSection(Section.ANSWER)) {
            if (r.getType() == type && r.getName().equals(owner)) {
                out.add(r);
            }
        }
        return out;
    }

    private static Name cnameTarget(Message m, Name owner) {
        for (Record r : m.getSection(Section.ANSWER)) {
            if (r instanceof CNAMERecord c && r.getName().equals(owner)) {
                return c.getTarget();
            }
        }
        return null;
    }

    /** Lowercase, without the trailing dot: the form names are compared and recorded in. */
    public static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
