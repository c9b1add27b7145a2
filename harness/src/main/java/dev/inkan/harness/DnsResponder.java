package dev.inkan.harness;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers one DNS query from {@link MockDnsData}, the way a recursive resolver in front of those records would:
 * CNAME chains are followed and returned with the target's records, SERVFAIL anywhere on the chain fails the
 * query, a missing name is NXDOMAIN and a name without the asked type is NOERROR with no answers.
 */
final class DnsResponder {
    /** More hops than any real resolver follows (Unbound stops at 11). */
    private static final int MAX_CNAME_HOPS = 11;
    /** TTL 0: tests change records between queries and nothing may serve a stale answer. */
    private static final long TTL = 0;
    private static final int MAX_TXT_STRING = 255;

    private final MockDnsData data;
    private final RequestHistory history;
    private final Clock clock;
    private final Record soa;
    private final SignedZones signed;

    DnsResponder(MockDnsData data, RequestHistory history, Clock clock) {
        this(data, history, clock, new SignedZones(clock));
    }

    DnsResponder(MockDnsData data, RequestHistory history, Clock clock, SignedZones signed) {
        this.data = data;
        this.history = history;
        this.clock = clock;
        this.soa = mockSoa();
        this.signed = signed;
    }

    Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (query.getHeader().getOpcode() != Opcode.QUERY || question == null) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        history.addDns(new DnsRequestEvent(question.getName().toString(), question.getType(), clock.instant()));
        OPTRecord opt = query.getOPT();
        boolean dnssecOk = opt != null && (opt.getFlags() & ExtendedFlags.DO) != 0;
        var zone = dnssecOk ? signed.zoneOf(question.getName().toString()) : java.util.Optional.<SignedZones.Zone>empty();
        if (zone.isPresent() && question.getType() == Type.DNSKEY && zone.get().apex().equals(question.getName())) {
            response.addRecord(zone.get().dnskey(), Section.ANSWER);
            response.getHeader().setRcode(Rcode.NOERROR);
        } else {
            response.getHeader().setRcode(resolve(question.getName(), question.getType(), response));
        }
        if (dnssecOk) {
            // RFC 4035 §3.1: with DO set, every signed RRset travels with its RRSIG.
            signed.signatures(response.getSection(Section.ANSWER)).forEach(r -> response.addRecord(r, Section.ANSWER));
        }
        if (response.getSection(Section.ANSWER).isEmpty()) {
            if (zone.isPresent() && response.getHeader().getRcode() == Rcode.NOERROR) {
                provenNoData(response, zone.get(), question.getName());
            } else {
                // RFC 2308 §3: a negative answer carries an SOA so it can be cached (here for 0 s).
                response.addRecord(soa, Section.AUTHORITY);
            }
        }
        if (dnssecOk) {
            response.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
        }
        return response;
    }

    /**
     * RFC 4035 §3.1.3.1: a signed NODATA answer proves itself with an NSEC at the name whose bitmap lacks the type;
     * this one is an RFC 4470 "white lie" covering only the name itself.
     */
    private void provenNoData(Message response, SignedZones.Zone zone, Name qname) {
        Name apex = zone.apex();
        List<Record> authority = new ArrayList<>();
        authority.add(new SOARecord(apex, DClass.IN, TTL, relative("ns", apex), relative("hostmaster", apex),
                1, 1, 1, 1, 0));
        authority.add(new NSECRecord(qname, DClass.IN, TTL, relative("\\000", qname), typesAt(qname)));
        authority.forEach(r -> response.addRecord(r, Section.AUTHORITY));
        signed.signatures(authority).forEach(r -> response.addRecord(r, Section.AUTHORITY));
    }

    private int[] typesAt(Name name) {
        String key = DnsNames.normalize(name.toString());
        List<Integer> types = new ArrayList<>();
        if (!data.a(key).isEmpty()) {
            types.add(Type.A);
        }
        if (!data.aaaa(key).isEmpty()) {
            types.add(Type.AAAA);
        }
        if (!data.txt(key).isEmpty()) {
            types.add(Type.TXT);
        }
        if (!data.caa(key).isEmpty()) {
            types.add(Type.CAA);
        }
        if (signed.zoneOf(key).map(z -> z.apex().equals(name)).orElse(false)) {
            types.add(Type.SOA);
            types.add(Type.DNSKEY);
        }
        types.add(Type.RRSIG);
        types.add(Type.NSEC);
        return types.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Name relative(String label, Name origin) {
        try {
            return Name.concatenate(Name.fromString(label), origin);
        } catch (TextParseException | org.xbill.DNS.NameTooLongException e) {
            throw new IllegalArgumentException("bad name " + label + "." + origin, e);
        }
    }

    private int resolve(Name qname, int qtype, Message response) {
        Name current = qname;
        Set<String> seen = new HashSet<>();
        for (int hop = 0; ; hop++) {
            String key = DnsNames.normalize(current.toString());
            if (data.isServfail(key) || hop > MAX_CNAME_HOPS || !seen.add(key)) {
                return Rcode.SERVFAIL;
            }
            var target = data.cname(key);
            if (target.isPresent() && qtype != Type.CNAME) {
                Name next = name(target.get());
                response.addRecord(new CNAMERecord(current, DClass.IN, TTL, next), Section.ANSWER);
                current = next;
                continue;
            }
            List<Record> records = records(current, key, qtype);
            records.forEach(r -> response.addRecord(r, Section.ANSWER));
            if (records.isEmpty() && !data.exists(key)) {
                return Rcode.NXDOMAIN;
            }
            return Rcode.NOERROR;
        }
    }

    private List<Record> records(Name owner, String key, int qtype) {
        List<Record> out = new ArrayList<>();
        switch (qtype) {
            case Type.A -> {
                // challtestsrv answers no A query for a name that is itself an IP address.
                if (Address.isDottedQuad(key)) {
                    break;
                }
                for (String ip : data.a(key)) {
                    InetAddress addr = literal(ip, Address.IPv4);
                    if (addr != null) {
                        out.add(new ARecord(owner, DClass.IN, TTL, addr));
                    }
                }
            }
            case Type.AAAA -> {
                for (String ip : data.aaaa(key)) {
                    InetAddress addr = literal(ip, Address.IPv6);
                    if (addr != null) {
                        out.add(new AAAARecord(owner, DClass.IN, TTL, addr));
                    }
                }
            }
            case Type.TXT -> data.txt(key).forEach(v -> out.add(new TXTRecord(owner, DClass.IN, TTL, chunks(v))));
            case Type.CAA -> data.caa(key).forEach(p ->
                    out.add(new CAARecord(owner, DClass.IN, TTL, p.flags(), p.tag(), p.value())));
            case Type.CNAME -> data.cname(key).ifPresent(t ->
                    out.add(new CNAMERecord(owner, DClass.IN, TTL, name(t))));
            default -> { }
        }
        return out;
    }

    /** RFC 1035 §3.3.14: a TXT record is a list of character-strings of at most 255 octets each. */
    private static List<String> chunks(String value) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.length(); i += MAX_TXT_STRING) {
            out.add(value.substring(i, Math.min(value.length(), i + MAX_TXT_STRING)));
        }
        return out.isEmpty() ? List.of("") : out;
    }

    /** An address from its literal; null for anything else (never a lookup). */
    static InetAddress literal(String ip, int family) {
        byte[] bytes = Address.toByteArray(ip, family);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Name name(String normalized) {
        try {
            return Name.fromString(normalized + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + normalized, e);
        }
    }

    private static Record mockSoa() {
        Name zone = name("inkan-harness.invalid");
        return new SOARecord(zone, DClass.IN, TTL, name("ns.inkan-harness.invalid"),
                name("hostmaster.inkan-harness.invalid"), 1, 1, 1, 1, 0);
    }
}
