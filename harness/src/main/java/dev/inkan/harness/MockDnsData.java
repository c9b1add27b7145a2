package dev.inkan.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the mock DNS server answers, as set through the management API or the Java API. Thread-safe; every name
 * is normalized with {@link DnsNames} so that case and a trailing dot do not matter.
 */
final class MockDnsData {
    private String defaultIPv4;
    private String defaultIPv6;
    private final Map<String, List<String>> a = new HashMap<>();
    private final Map<String, List<String>> aaaa = new HashMap<>();
    private final Map<String, List<CaaPolicy>> caa = new HashMap<>();
    private final Map<String, List<String>> txt = new HashMap<>();
    private final Map<String, String> cname = new HashMap<>();
    private final Set<String> servfail = new HashSet<>();

    MockDnsData(String defaultIPv4, String defaultIPv6) {
        this.defaultIPv4 = emptyToNull(defaultIPv4);
        this.defaultIPv6 = emptyToNull(defaultIPv6);
    }

    synchronized void setDefaultIPv4(String ip) {
        defaultIPv4 = emptyToNull(ip);
    }

    synchronized void setDefaultIPv6(String ip) {
        defaultIPv6 = emptyToNull(ip);
    }

    synchronized void addA(String host, List<String> addresses) {
        a.computeIfAbsent(DnsNames.normalize(host), k -> new ArrayList<>()).addAll(addresses);
    }

    synchronized void clearA(String host) {
        a.remove(DnsNames.normalize(host));
    }

    synchronized void addAaaa(String host, List<String> addresses) {
        aaaa.computeIfAbsent(DnsNames.normalize(host), k -> new ArrayList<>()).addAll(addresses);
    }

    synchronized void clearAaaa(String host) {
        aaaa.remove(DnsNames.normalize(host));
    }

    synchronized void addCaa(String host, List<CaaPolicy> policies) {
        caa.computeIfAbsent(DnsNames.normalize(host), k -> new ArrayList<>()).addAll(policies);
    }

    synchronized void clearCaa(String host) {
        caa.remove(DnsNames.normalize(host));
    }

    /** Like challtestsrv's /set-txt, a second value for the same host is added, not replaced. */
    synchronized void addTxt(String host, String value) {
        txt.computeIfAbsent(DnsNames.normalize(host), k -> new ArrayList<>()).add(value);
    }

    synchronized void clearTxt(String host) {
        txt.remove(DnsNames.normalize(host));
    }

    synchronized void setCname(String host, String target) {
        cname.put(DnsNames.normalize(host), DnsNames.normalize(target));
    }

    synchronized void clearCname(String host) {
        cname.remove(DnsNames.normalize(host));
    }

    synchronized void setServfail(String host) {
        servfail.add(DnsNames.normalize(host));
    }

    synchronized void clearServfail(String host) {
        servfail.remove(DnsNames.normalize(host));
    }

    synchronized boolean isServfail(String name) {
        return servfail.contains(name);
    }

    synchronized Optional<String> cname(String name) {
        return Optional.ofNullable(cname.get(name));
    }

    /** The A addresses for a name: those set for it, else the default (if any). */
    synchronized List<String> a(String name) {
        return withDefault(a.get(name), defaultIPv4);
    }

    synchronized List<String> aaaa(String name) {
        return withDefault(aaaa.get(name), defaultIPv6);
    }

    synchronized List<CaaPolicy> caa(String name) {
        return List.copyOf(caa.getOrDefault(name, List.of()));
    }

    synchronized List<String> txt(String name) {
        return List.copyOf(txt.getOrDefault(name, List.of()));
    }

    /**
     * Whether the name exists in the mock's world: any record at it or below it (an empty non-terminal exists,
     * RFC 8020), or a default address, which makes every name exist.
     */
    synchronized boolean exists(String name) {
        if (defaultIPv4 != null || defaultIPv6 != null) {
            return true;
        }
        String suffix = "." + name;
        for (Set<String> names : List.of(a.keySet(), aaaa.keySet(), caa.keySet(), txt.keySet(), cname.keySet())) {
            for (String n : names) {
                if (n.equals(name) || n.endsWith(suffix)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> withDefault(List<String> set, String fallback) {
        if (set != null && !set.isEmpty()) {
            return List.copyOf(set);
        }
        return fallback == null ? List.of() : List.of(fallback);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
