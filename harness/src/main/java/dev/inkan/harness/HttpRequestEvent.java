package dev.inkan.harness;

import java.time.Instant;

/** One request the HTTP-01 responder received. @param url path and query @param host the Host header, port included */
public record HttpRequestEvent(String url, String host, boolean https, String serverName, Instant at) {}
