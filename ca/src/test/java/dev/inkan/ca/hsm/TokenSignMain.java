package dev.inkan.ca.hsm;

import dev.inkan.ca.TestTokens;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Run in a child JVM: logs in to an existing token, signs with an existing alias and prints the key's description
 * and the base64 signature. Arguments: label, alias, hex data.
 */
public final class TokenSignMain {
    public static void main(String[] args) throws Exception {
        SoftHsmToken token = SoftHsmToken.open(TestTokens.config(args[0]));
        byte[] sig = token.sign(args[1], HexFormat.of().parseHex(args[2]));
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS11", token.provider());
        ks.load(null, TestTokens.USER_PIN.toCharArray());
        System.out.println("key=" + ks.getKey(args[1], null));
        System.out.println("aliases=" + token.aliases());
        System.out.println("signature=" + Base64.getEncoder().encodeToString(sig));
    }
}
