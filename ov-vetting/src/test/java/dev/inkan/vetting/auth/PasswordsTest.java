package dev.inkan.vetting.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PasswordsTest {
    @Test
    void argon2idHashVerifiesOnlyTheRightPassword() {
        String h = Passwords.hash("correct horse battery");
        assertTrue(h.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), h);
        assertTrue(Passwords.verify("correct horse battery", h));
        assertFalse(Passwords.verify("correct horse battery!", h));
    }

    @Test
    void saltMakesEachHashDifferent() {
        assertNotEquals(Passwords.hash("correct horse battery"), Passwords.hash("correct horse battery"));
    }
}
