package dev.inkan.dns;

import java.net.InetAddress;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * What our resolver found for one name and type, after following CNAMEs.
 *
 * @param queryName  the name asked, lowercase, without trailing dot
 * @param type       the dnsjava type code, e.g. {@link Type#TXT}
 * @param records    the records of that type at the end of the CNAME chain; empty for no data or NXDOMAIN
 * @param cnameChain the CNAME targets followed, in order (lowercase, no trailing dot)
 * @param nxdomain   true when the (final) name does not exist
 * @param server     the resolver that answered, ip:port
 * @param authenticated true when a validating resolver proved every answer of the chain DNSSEC-secure (RFC 4035
 *                   §4.3); always false when the resolver does not validate
 */
public record DnsAnswer(
        String queryName, int type, List<Record> records, List<String> cnameChain, boolean nxdomain, String server,
        boolean authenticated) {
    public DnsAnswer {
        records = List.copyOf(records);
        cnameChain = List.copyOf(cnameChain);
    }

    /** An answer from a resolver that does not validate DNSSEC. */
    public DnsAnswer(String queryName, int type, List<Record> records, List<String> cnameChain, boolean nxdomain,
            String server) {
        this(queryName, type, records, cnameChain, nxdomain, server, false);
    }

    /** The name the records belong to: the last CNAME target, or the name asked. */
    public String finalName() {
        return cnameChain.isEmpty() ? queryName : cnameChain.get(cnameChain.size() - 1);
    }

    /** Each TXT record's character-strings joined, as RFC 8555 §8.4 and RFC 7208 §3.3 read a TXT value. */
    public List<String> txtValues() {
        return records.stream().filter(TXTRecord.class::isInstance)
                .map(r -> String.join("", ((TXTRecord) r).getStrings())).toList();
    }

    public List<InetAddress> addresses() {
        return records.stream()
                .map(r -> r instanceof ARecord a ? a.getAddress() : r instanceof AAAARecord q ? q.getAddress() : null)
                .filter(a -> a != null).toList();
    }

    /** "name" or "name (CNAME a -> b)", for records and error details. */
    public String describeName() {
        return cnameChain.isEmpty() ? queryName : queryName + " (CNAME -> " + String.join(" -> ", cnameChain) + ")";
    }
}
