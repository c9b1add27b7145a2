package dev.inkan.core.vetting;

import java.time.Instant;

/**
 * An uploaded document (e.g. the letter of authorization), kept outside any web root under its SHA-256.
 *
 * @param mediaType sniffed from the content, never taken from the upload's headers
 */
public record Evidence(String id, String fileName, String mediaType, long size, String sha256, Instant uploadedAt) {}
