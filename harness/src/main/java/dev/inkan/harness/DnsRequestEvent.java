package dev.inkan.harness;

import java.time.Instant;

/** One question the mock DNS server received. @param name as asked, with its trailing dot @param type e.g. 16 for TXT */
public record DnsRequestEvent(String name, int type, Instant at) {}
