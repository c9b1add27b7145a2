package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.port.RegistrationAuthority.NewAccountRequest;
import dev.inkan.core.port.RegistrationAuthority.NewAccountResult;
import dev.inkan.ra.fake.TestKeys;
import dev.inkan.ra.policy.JwkThumbprint;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountOperationsTest extends RaTestBase {
    private final KeyPair key = TestKeys.freshEc();

    private NewAccountRequest request(List<String> contacts, boolean agreed, boolean onlyExisting) {
        return new NewAccountRequest(jwk(key), JwkThumbprint.of(key.getPublic()), contacts, agreed, onlyExisting, "kid-1");
    }

    @Test
    void testSuccess_newAccountIsCreatedValidAndAudited() throws Exception {
        NewAccountResult result = await(ra.newAccount(request(List.of("mailto:ops@example.com"), true, false)));
        assertTrue(result.created());
        Account account = result.account();
        assertEquals(AccountStatus.VALID, account.status());
        assertEquals(List.of("mailto:ops@example.com"), account.contacts());
        assertEquals("kid-1", account.eabKeyId());
        assertEquals(START, account.createdAt());
        assertEquals(List.of("account.created"), audit.types());
    }

    @Test
    void testSuccess_existingKeyReturnsExistingAccount() throws Exception {
        Account first = await(ra.newAccount(request(List.of(), true, false))).account();
        NewAccountResult again = await(ra.newAccount(request(List.of("mailto:other@example.com"), false, false)));
        assertFalse(again.created());
        assertEquals(first, again.account());
    }

    @Test
    void testSuccess_onlyReturnExistingFindsTheAccount() throws Exception {
        Account first = await(ra.newAccount(request(List.of(), true, false))).account();
        assertEquals(first, await(ra.newAccount(request(List.of(), false, true))).account());
    }

    @Test
    void testFailure_onlyReturnExistingWithUnknownKey() {
        failure(ErrorKind.ACCOUNT_DOES_NOT_EXIST, ra.newAccount(request(List.of(), true, true)));
    }

    @Test
    void testFailure_unsupportedContactScheme() {
        failure(ErrorKind.UNSUPPORTED_CONTACT, ra.newAccount(request(List.of("tel:+81312345678"), true, false)));
    }

    @Test
    void testFailure_contactWithHfields() {
        failure(ErrorKind.INVALID_CONTACT,
                ra.newAccount(request(List.of("mailto:a@example.com?cc=b@example.com"), true, false)));
    }

    @Test
    void testFailure_existingDeactivatedAccountIsUnauthorized() throws Exception {
        Account first = await(ra.newAccount(request(List.of(), true, false))).account();
        await(ra.deactivateAccount(first.id()));
        failure(ErrorKind.UNAUTHORIZED, ra.newAccount(request(List.of(), true, false)));
    }

    @Test
    void testSuccess_updateReplacesContacts() throws Exception {
        Account account = newAccount(key);
        Account updated = await(ra.updateAccount(account.id(), List.of("mailto:new@example.org")));
        assertEquals(List.of("mailto:new@example.org"), updated.contacts());
        assertTrue(audit.types().contains("account.updated"));
    }

    @Test
    void testSuccess_updateWithoutContactsChangesNothing() throws Exception {
        Account account = newAccount(key);
        assertEquals(account, await(ra.updateAccount(account.id(), null)));
    }

    @Test
    void testFailure_updateWithInvalidContact() throws Exception {
        Account account = newAccount(key);
        failure(ErrorKind.INVALID_CONTACT, ra.updateAccount(account.id(), List.of("mailto:nobody")));
        assertEquals(account.contacts(), await(accounts.byId(account.id())).orElseThrow().contacts());
    }

    @Test
    void testSuccess_deactivationIsFinal() throws Exception {
        Account account = newAccount(key);
        assertEquals(AccountStatus.DEACTIVATED, await(ra.deactivateAccount(account.id())).status());
        assertTrue(audit.types().contains("account.deactivated"));
        failure(ErrorKind.UNAUTHORIZED, ra.deactivateAccount(account.id()));
        failure(ErrorKind.UNAUTHORIZED, ra.updateAccount(account.id(), List.of()));
        failure(ErrorKind.UNAUTHORIZED, ra.changeKey(account.id(), "{}", "new-thumbprint"));
    }

    @Test
    void testFailure_deactivatedAccountCannotOrder() throws Exception {
        Account account = newAccount(key);
        await(ra.deactivateAccount(account.id()));
        failure(ErrorKind.UNAUTHORIZED, ra.newOrder(new dev.inkan.core.port.RegistrationAuthority.NewOrderRequest(
                account.id(), List.of(dev.inkan.core.model.Identifier.dns("example.com")), null, null, null)));
    }

    @Test
    void testSuccess_changeKeySwapsTheKey() throws Exception {
        Account account = newAccount(key);
        KeyPair next = TestKeys.freshEc();
        Account changed = await(ra.changeKey(account.id(), jwk(next), JwkThumbprint.of(next.getPublic())));
        assertEquals(JwkThumbprint.of(next.getPublic()), changed.keyThumbprint());
        assertEquals(jwk(next), changed.keyJwk());
        assertTrue(audit.types().contains("account.key-changed"));
    }

    @Test
    void testFailure_changeKeyToAnotherAccountsKeyIsConflict() throws Exception {
        Account account = newAccount(key);
        KeyPair otherKey = TestKeys.freshEc();
        newAccount(otherKey);
        failure(ErrorKind.CONFLICT, ra.changeKey(account.id(), jwk(otherKey), JwkThumbprint.of(otherKey.getPublic())));
        assertEquals(account.keyThumbprint(), await(accounts.byId(account.id())).orElseThrow().keyThumbprint());
    }

    private static String spkiSha256(KeyPair k) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(k.getPublic().getEncoded()));
    }

    @Test
    void testFailure_blockedKeyCannotCreateAnAccount() throws Exception {
        dev.inkan.ra.fake.InMemoryStatus status = new dev.inkan.ra.fake.InMemoryStatus();
        ra.connect(status.services());
        status.blocked.put(spkiSha256(key), "keyCompromise");
        failure(ErrorKind.BAD_PUBLIC_KEY, ra.newAccount(request(List.of(), true, false)));
        assertFalse(audit.types().contains("account.created"));
    }

    @Test
    void testFailure_changeKeyToABlockedKeyIsRefused() throws Exception {
        dev.inkan.ra.fake.InMemoryStatus status = new dev.inkan.ra.fake.InMemoryStatus();
        ra.connect(status.services());
        Account account = newAccount(key);
        KeyPair compromised = TestKeys.freshEc();
        status.blocked.put(spkiSha256(compromised), "keyCompromise");
        failure(ErrorKind.BAD_PUBLIC_KEY, ra.changeKey(account.id(), jwk(compromised),
                JwkThumbprint.of(compromised.getPublic())));
        assertEquals(account.keyThumbprint(), await(accounts.byId(account.id())).orElseThrow().keyThumbprint());
    }

    @Test
    void testSuccess_rsaAndEcAccountKeysAreNamedByTheirSpki() throws Exception {
        KeyPair rsa = TestKeys.rsa(2048);
        assertEquals(spkiSha256(rsa), dev.inkan.ra.policy.JwkSubjectPublicKeyInfo.sha256Hex(jwk(rsa)));
        assertEquals(spkiSha256(key), dev.inkan.ra.policy.JwkSubjectPublicKeyInfo.sha256Hex(jwk(key)));
    }

    @Test
    void testFailure_termsOfServiceMustBeAgreedWhenConfigured() throws Exception {
        RegistrationAuthorityImpl withTerms = new RegistrationAuthorityImpl(
                RaConfig.defaults().withTermsOfService("https://ca.example/terms"), accounts, orders, authorizations,
                certificates, audit, va, ca, caa(), vertx, clock);
        assertTrue(failure(ErrorKind.MALFORMED, withTerms.newAccount(request(List.of(), false, false)))
                .detail().contains("https://ca.example/terms"));
        assertTrue(await(withTerms.newAccount(request(List.of(), true, false))).created());
    }
}
