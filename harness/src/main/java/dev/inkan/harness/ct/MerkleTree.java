package dev.inkan.harness.ct;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** RFC 6962 §2.1: the Merkle Tree Hash over the log's leaves. */
final class MerkleTree {
    private MerkleTree() {}

    static byte[] rootHash(List<byte[]> leaves) {
        return hash(leaves, 0, leaves.size());
    }

    private static byte[] hash(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return sha256(new byte[0]);
        }
        if (n == 1) {
            return sha256((byte) 0, leaves.get(from));
        }
        // k: the largest power of two smaller than n
        int k = Integer.highestOneBit(n - 1);
        byte[] left = hash(leaves, from, from + k);
        byte[] right = hash(leaves, from + k, to);
        byte[] both = new byte[64];
        System.arraycopy(left, 0, both, 0, 32);
        System.arraycopy(right, 0, both, 32, 32);
        return sha256((byte) 1, both);
    }

    private static byte[] sha256(byte prefix, byte[] data) {
        byte[] all = new byte[data.length + 1];
        all[0] = prefix;
        System.arraycopy(data, 0, all, 1, data.length);
        return sha256(all);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
