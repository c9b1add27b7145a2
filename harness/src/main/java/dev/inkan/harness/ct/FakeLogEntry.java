package dev.inkan.harness.ct;

import java.util.List;

/**
 * One logged submission.
 *
 * @param precertificate true for add-pre-chain
 * @param certificateDer the submitted (pre)certificate
 * @param chain          the rest of the submitted chain, issuer first
 * @param leafInput      the RFC 6962 §3.4 MerkleTreeLeaf
 * @param sct            the SCT as returned, serialized (RFC 6962 §3.2)
 */
public record FakeLogEntry(
        boolean precertificate, byte[] certificateDer, List<byte[]> chain, byte[] leafInput, byte[] sct) {}
