package dev.inkan.vetting.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void commonlyBreachedPasswordIsRefusedEvenWithSomethingAppended() {
        assertEquals("よく使われるパスワードです / the password is a commonly used one",
                assertThrows(IllegalArgumentException.class, () -> Passwords.requireStrong("Password1234!")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Passwords.requireStrong("qwertyuiopas"));
    }

    @Test
    void passwordOfFewDistinctCharactersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Passwords.requireStrong("abababababababab"));
    }

    @Test
    void passwordContainingTheLoginIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Passwords.requireStrong("my name is Suzuki-T ok", "suzuki-t"));
    }

    @Test
    void longPassphraseIsAccepted() {
        Passwords.requireStrong("correct horse battery staple", "suzuki-t");
    }
}
