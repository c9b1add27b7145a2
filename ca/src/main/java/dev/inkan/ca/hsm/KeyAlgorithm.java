package dev.inkan.ca.hsm;

/** The CA key types the token generates. CP 002 §6.1.5 names RSA 2048; P-256 is the sandbox option. */
public enum KeyAlgorithm {
    RSA_2048,
    EC_P256
}
