package dev.inkan.harness;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * Zones the mock DNS signs (DNSSEC, RFC 4034) for tests of a validating resolver: one ECDSA P-256 key
 * (algorithm 13) per zone, used as KSK and ZSK alike; names made "bogus" get signatures that do not verify.
 * Thread-safe.
 */
final class SignedZones {
    private static final int ALGORITHM = DNSSEC.Algorithm.ECDSAP256SHA256;
    /** DNSKEY flags: zone key and secure entry point (RFC 4034 §2.1.1, RFC 3757). */
    private static final int KSK_FLAGS = 257;

    record Zone(Name apex, DNSKEYRecord dnskey, KeyPair key) {}

    private final Map<String, Zone> zones = new HashMap<>();
    private final Set<String> bogus = new HashSet<>();
    private final Clock clock;

    SignedZones(Clock clock) {
        this.clock = clock;
    }

    /** Signs the zone from now on; returns its DNSKEY in zone-file form, the trust anchor a resolver starts from. */
    synchronized String sign(String zone) {
        String apex = DnsNames.normalize(zone);
        Zone z = zones.computeIfAbsent(apex, SignedZones::newZone);
        return z.dnskey().toString();
    }

    synchronized void setBogus(String host) {
        bogus.add(DnsNames.normalize(host));
    }

    synchronized void clearBogus(String host) {
        bogus.remove(DnsNames.normalize(host));
    }

    synchronized boolean any() {
        return !zones.isEmpty();
    }

    /** The closest signed zone at or above the name, if any. */
    synchronized Optional<Zone> zoneOf(String name) {
        String n = DnsNames.normalize(name);
        while (true) {
            Zone z = zones.get(n);
            if (z != null) {
                return Optional.of(z);
            }
            int dot = n.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            n = n.substring(dot + 1);
        }
    }

    /** The RRSIGs for the records, one per RRset whose owner is in a signed zone; bogus names get broken ones. */
    List<RRSIGRecord> signatures(List<Record> records) {
        Map<String, RRset> sets = new HashMap<>();
        for (Record r : records) {
            sets.computeIfAbsent(r.getName() + "/" + r.getType(), k -> new RRset()).addRR(r);
        }
        List<RRSIGRecord> out = new ArrayList<>();
        for (RRset set : sets.values()) {
            zoneOf(set.getName().toString()).ifPresent(z -> out.add(signature(set, z)));
        }
        return out;
    }

    private RRSIGRecord signature(RRset set, Zone z) {
        Instant now = clock.instant();
        try {
            RRSIGRecord sig = DNSSEC.sign(set, z.dnskey(), z.key().getPrivate(), now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofDays(7)));
            if (!isBogus(set.getName().toString())) {
                return sig;
            }
            byte[] broken = sig.getSignature().clone();
            broken[broken.length / 2] ^= 0x5a;
            return new RRSIGRecord(sig.getName(), sig.getDClass(), sig.getTTL(), sig.getTypeCovered(),
                    sig.getAlgorithm(), sig.getOrigTTL(), sig.getExpire(), sig.getTimeSigned(), sig.getFootprint(),
                    sig.getSigner(), broken);
        } catch (DNSSEC.DNSSECException e) {
            throw new IllegalStateException("cannot sign " + set.getName(), e);
        }
    }

    private synchronized boolean isBogus(String name) {
        return bogus.contains(DnsNames.normalize(name));
    }

    private static Zone newZone(String apex) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair key = g.generateKeyPair();
            Name name = Name.fromString(apex + ".");
            DNSKEYRecord dnskey = new DNSKEYRecord(name, DClass.IN, 0, KSK_FLAGS, DNSKEYRecord.Protocol.DNSSEC,
                    ALGORITHM, key.getPublic());
            return new Zone(name, dnskey, key);
        } catch (GeneralSecurityException | TextParseException | DNSSEC.DNSSECException e) {
            throw new IllegalStateException("cannot make a key for zone " + apex, e);
        }
    }
}
