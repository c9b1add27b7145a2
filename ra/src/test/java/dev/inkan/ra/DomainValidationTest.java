package dev.inkan.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.OrderStatus;
import dev.inkan.core.port.RegistrationAuthority.ChallengeResponse;
import dev.inkan.core.port.RegistrationAuthority.DomainValidationRequest;
import dev.inkan.core.port.RegistrationAuthority.EmailValidationView;
import dev.inkan.core.port.ValidationAuthority.ValidationRequest;
import dev.inkan.ra.fake.CapturedMail;
import dev.inkan.ra.fake.ScriptedRegistrants;
import dev.inkan.ra.fake.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The validation methods outside ACME: email to a constructed address, website change, registrant check. */
@Timeout(60)
class DomainValidationTest extends RaTestBase {
    private static final Pattern LINK = Pattern.compile("https://ca\\.test/validation/email/([A-Za-z0-9_-]+)");
    private static final Instant SUNSET = Instant.parse("2028-03-15T00:00:00Z");

    private final CapturedMail mail = new CapturedMail();
    private final ScriptedRegistrants registrants = new ScriptedRegistrants();

    @BeforeEach
    void connect() {
        ra.connect(new DomainValidationServices(mail, "https://ca.test/validation/email/", registrants,
                List.of("jp"), "Inkan test CA"));
    }

    private DomainValidationRequest email(Account account, String authzId, String address) {
        return new DomainValidationRequest(account.id(), authzId, Challenge.CONSTRUCTED_EMAIL, address, null);
    }

    private String mailedValue() {
        Matcher m = LINK.matcher(mail.last().text());
        assertTrue(m.find(), mail.last().text());
        return m.group(1);
    }

    private static Challenge only(Authorization a, String type) {
        return a.challenges().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void testEmail_sendsTheValueToTheConstructedAddressAndStoresOnlyItsDigest() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "www.example.com");
        String authzId = order.authorizationIds().get(0);
        Authorization a = await(ra.startDomainValidation(email(account, authzId, "Hostmaster@example.com")));
        Challenge c = only(a, Challenge.CONSTRUCTED_EMAIL);
        assertEquals("hostmaster@example.com", c.target());
        assertEquals(START, c.valueIssued());
        assertEquals(List.of("hostmaster@example.com"), mail.last().to());
        String value = mailedValue();
        assertTrue(value.length() >= 43, "at least 256 bits, base64url");
        assertNotEquals(value, c.token());
        assertFalse(mail.last().text().contains(c.token()));
        assertTrue(mail.last().text().indexOf("ドメイン名") < mail.last().text().indexOf("Domain name"));
        assertEquals("3.2.2.4.4 (BR 2.2.6)", audit.events().get(audit.events().size() - 1).details().get("brSection"));
    }

    @Test
    void testEmail_onlyConstructedAddressesDownToTheRegistrableDomain() throws Exception {
        List<String> addresses = ra.constructedAddresses(Identifier.dns("*.shop.example.co.jp"));
        assertEquals(10, addresses.size());
        assertTrue(addresses.contains("admin@shop.example.co.jp"));
        assertTrue(addresses.contains("postmaster@example.co.jp"));
        assertFalse(addresses.stream().anyMatch(a -> a.endsWith("@co.jp")), addresses.toString());
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.com").authorizationIds().get(0);
        failure(ErrorKind.MALFORMED, ra.startDomainValidation(email(account, authzId, "info@example.com")));
        failure(ErrorKind.MALFORMED, ra.startDomainValidation(email(account, authzId, "admin@com")));
        assertTrue(mail.sent.isEmpty());
    }

    @Test
    void testEmail_viewingChangesNothingAndConfirmingValidates() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "www.example.com");
        String authzId = order.authorizationIds().get(0);
        await(ra.startDomainValidation(email(account, authzId, "admin@example.com")));
        String value = mailedValue();
        EmailValidationView view = await(ra.emailValidation(value));
        assertEquals("www.example.com", view.domain());
        assertEquals("admin@example.com", view.address());
        assertEquals(START.plus(Duration.ofDays(10)), view.valueExpires());
        assertEquals(AuthorizationStatus.PENDING, authorization(authzId).status());

        Authorization confirmed = await(ra.confirmEmailValidation(value, "192.0.2.7"));
        assertEquals(AuthorizationStatus.VALID, confirmed.status());
        Challenge c = only(confirmed, Challenge.CONSTRUCTED_EMAIL);
        assertEquals(ChallengeStatus.VALID, c.status());
        assertEquals("3.2.2.4.4 (BR 2.2.6)", c.records().get(0).brSection());
        assertEquals("mailto:admin@example.com", c.records().get(0).url());
        assertEquals("192.0.2.7", c.records().get(0).addressUsed());
        assertEquals(OrderStatus.READY, order(order.id()).status());
        assertEquals("constructed-email", caaChecker.requests().get(0).validationMethod());
        assertTrue(await(ra.emailValidation(value)).confirmed());
    }

    @Test
    void testEmail_valuePastTenDaysRefused() throws Exception {
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.com").authorizationIds().get(0);
        await(ra.startDomainValidation(email(account, authzId, "admin@example.com")));
        String value = mailedValue();
        // the authorization itself outlives the value here, so the value's own lifetime is what refuses
        authorizations.put(withExpiry(authorization(authzId), START.plus(Duration.ofDays(20))));
        clock.set(START.plus(Duration.ofDays(10)));
        var e = failure(ErrorKind.UNAUTHORIZED, ra.confirmEmailValidation(value, "192.0.2.7"));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertEquals(AuthorizationStatus.PENDING, authorization(authzId).status());
    }

    @Test
    void testEmail_aDayBeforeTheSunsetStillAllowed() throws Exception {
        clock.set(SUNSET.minusSeconds(1));
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.com").authorizationIds().get(0);
        assertTrue(ra.domainValidationMethods(Identifier.dns("www.example.com")).contains(Challenge.CONSTRUCTED_EMAIL));
        await(ra.startDomainValidation(email(account, authzId, "admin@example.com")));
        assertEquals(1, mail.sent.size());
    }

    @Test
    void testEmail_refusedFromTheSunset() throws Exception {
        clock.set(SUNSET);
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.com").authorizationIds().get(0);
        assertFalse(ra.domainValidationMethods(Identifier.dns("www.example.com")).contains(Challenge.CONSTRUCTED_EMAIL));
        var e = failure(ErrorKind.REJECTED_IDENTIFIER,
                ra.startDomainValidation(email(account, authzId, "admin@example.com")));
        assertTrue(e.getMessage().contains("2028-03-15"), e.getMessage());
        assertTrue(mail.sent.isEmpty());
    }

    @Test
    void testEmail_valueMailedBeforeTheSunsetCannotConfirmAfterIt() throws Exception {
        clock.set(SUNSET.minus(Duration.ofHours(1)));
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.com").authorizationIds().get(0);
        await(ra.startDomainValidation(email(account, authzId, "admin@example.com")));
        clock.set(SUNSET);
        failure(ErrorKind.UNAUTHORIZED, ra.confirmEmailValidation(mailedValue(), "192.0.2.7"));
    }

    @Test
    void testEmail_validationReusedByTheSameAccountsNextOrderButNotAfterTheSunset() throws Exception {
        clock.set(SUNSET.minus(Duration.ofDays(2)));
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.com").authorizationIds().get(0);
        await(ra.startDomainValidation(email(account, authzId, "admin@example.com")));
        await(ra.confirmEmailValidation(mailedValue(), "192.0.2.7"));
        Order next = newOrder(account, "www.example.com");
        assertEquals(authzId, next.authorizationIds().get(0));
        assertEquals(OrderStatus.READY, next.status());
        Order otherAccount = newOrder(newAccount(), "www.example.com");
        assertNotEquals(authzId, otherAccount.authorizationIds().get(0));
        clock.set(SUNSET);
        // BR 3.2.2.4.4: from the sunset the email validation backs nothing: not a new order, not a finalize
        Order after = newOrder(account, "www.example.com", "example.com");
        assertNotEquals(authzId, after.authorizationIds().get(0));
        assertEquals(OrderStatus.PENDING, after.status());
        failure(ErrorKind.UNAUTHORIZED, ra.finalizeOrder(account.id(), next.id(),
                TestKeys.csr(TestKeys.freshEc(), null, List.of("www.example.com"))));
    }

    @Test
    void testEmail_resendMailsANewValueAndTheOldOneStopsWorking() throws Exception {
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.com").authorizationIds().get(0);
        await(ra.startDomainValidation(email(account, authzId, "webmaster@www.example.com")));
        String first = mailedValue();
        Authorization a = await(ra.resendValidationEmail(account.id(), authzId));
        String second = mailedValue();
        assertNotEquals(first, second);
        assertEquals(List.of("webmaster@www.example.com"), mail.last().to());
        assertEquals(1, a.challenges().stream().filter(c -> !c.acme()).count());
        failure(ErrorKind.NOT_FOUND, ra.confirmEmailValidation(first, "192.0.2.7"));
        assertEquals(AuthorizationStatus.VALID,
                await(ra.confirmEmailValidation(second, "192.0.2.7")).status());
    }

    @Test
    void testEmail_notAnsweredThroughAcme() throws Exception {
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.com").authorizationIds().get(0);
        Authorization a = await(ra.startDomainValidation(email(account, authzId, "admin@example.com")));
        Challenge c = only(a, Challenge.CONSTRUCTED_EMAIL);
        failure(ErrorKind.NOT_FOUND, ra.respondToChallenge(new ChallengeResponse(account.id(),
                "https://ca/acct/" + account.id(), authzId, c.id())));
    }

    @Test
    void testWebsite_issuesAFileValueAndTheValidatorChecksIt() throws Exception {
        Account account = newAccount();
        Order order = newOrder(account, "www.example.com");
        String authzId = order.authorizationIds().get(0);
        Authorization a = await(ra.startDomainValidation(
                new DomainValidationRequest(account.id(), authzId, Challenge.WEBSITE_CHANGE, null, null)));
        Challenge c = only(a, Challenge.WEBSITE_CHANGE);
        assertTrue(c.target().matches("/\\.well-known/pki-validation/[A-Za-z0-9_-]+\\.txt"), c.target());
        assertFalse(c.target().contains(c.token()), "BR 3.2.2.4.18: the value is not in the request");
        Authorization checking = await(ra.checkDomainValidation(account.id(), authzId));
        assertEquals(ChallengeStatus.PROCESSING, only(checking, Challenge.WEBSITE_CHANGE).status());
        await(ra.drain());
        ValidationRequest asked = va.requests().get(0);
        assertEquals(Challenge.WEBSITE_CHANGE, asked.challengeType());
        assertEquals(c.target().substring("/.well-known/pki-validation/".length()), asked.token());
        assertEquals(c.token(), asked.keyAuthorization());
        assertEquals(AuthorizationStatus.VALID, authorization(authzId).status());
        assertEquals(OrderStatus.READY, order(order.id()).status());
    }

    @Test
    void testWebsite_switchingToEmailDropsTheFileValue() throws Exception {
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.com").authorizationIds().get(0);
        await(ra.startDomainValidation(
                new DomainValidationRequest(account.id(), authzId, Challenge.WEBSITE_CHANGE, null, null)));
        Authorization switched = await(ra.startDomainValidation(email(account, authzId, "admin@example.com")));
        assertEquals(List.of(Challenge.CONSTRUCTED_EMAIL), switched.challenges().stream().filter(c -> !c.acme())
                .map(Challenge::type).toList());
        assertEquals(3, switched.challenges().stream().filter(Challenge::acme).count());
        failure(ErrorKind.MALFORMED, ra.checkDomainValidation(account.id(), authzId));
    }

    @Test
    void testWebsite_wildcardRefused() throws Exception {
        Account account = newAccount();
        String authzId = newOrder(account, "*.example.com").authorizationIds().get(0);
        failure(ErrorKind.REJECTED_IDENTIFIER, ra.startDomainValidation(
                new DomainValidationRequest(account.id(), authzId, Challenge.WEBSITE_CHANGE, null, null)));
    }

    @Test
    void testWebsite_expiredFileValueRefused() throws Exception {
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.com").authorizationIds().get(0);
        await(ra.startDomainValidation(
                new DomainValidationRequest(account.id(), authzId, Challenge.WEBSITE_CHANGE, null, null)));
        authorizations.put(withExpiry(authorization(authzId), START.plus(Duration.ofDays(20))));
        clock.set(START.plus(Duration.ofDays(10)));
        failure(ErrorKind.UNAUTHORIZED, ra.checkDomainValidation(account.id(), authzId));
        assertTrue(va.requests().isEmpty());
    }

    @Test
    void testRegistrant_refusedWhereThisCaIsNotTheRegistrar() throws Exception {
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.com").authorizationIds().get(0);
        assertFalse(ra.domainValidationMethods(Identifier.dns("www.example.com")).contains(Challenge.DOMAIN_CONTACT));
        failure(ErrorKind.REJECTED_IDENTIFIER, ra.startDomainValidation(new DomainValidationRequest(account.id(),
                authzId, Challenge.DOMAIN_CONTACT, null, "Example Corp")));
    }

    @Test
    void testRegistrant_matchingRegistrantValidatesWhereTheGateIsOn() throws Exception {
        registrants.put("example.jp", "Example Corp");
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.jp").authorizationIds().get(0);
        assertTrue(ra.domainValidationMethods(Identifier.dns("www.example.jp")).contains(Challenge.DOMAIN_CONTACT));
        await(ra.startDomainValidation(new DomainValidationRequest(account.id(), authzId, Challenge.DOMAIN_CONTACT,
                null, "Example Corp")));
        await(ra.drain());
        Authorization a = authorization(authzId);
        assertEquals(AuthorizationStatus.VALID, a.status());
        Challenge c = only(a, Challenge.DOMAIN_CONTACT);
        assertEquals("3.2.2.4.12 (BR 2.2.6)", c.records().get(0).brSection());
        assertEquals("example.jp", c.records().get(0).hostname());
    }

    @Test
    void testRegistrant_otherRegistrantInvalidates() throws Exception {
        registrants.put("example.jp", "Someone Else Ltd.");
        Account account = newAccount();
        String authzId = newOrder(account, "www.example.jp").authorizationIds().get(0);
        await(ra.startDomainValidation(new DomainValidationRequest(account.id(), authzId, Challenge.DOMAIN_CONTACT,
                null, "Example Corp")));
        await(ra.drain());
        Authorization a = authorization(authzId);
        assertEquals(AuthorizationStatus.INVALID, a.status());
        assertTrue(only(a, Challenge.DOMAIN_CONTACT).error().detail().contains("Someone Else Ltd."));
    }

    private static Authorization withExpiry(Authorization a, Instant expires) {
        return new Authorization(a.id(), a.accountId(), a.identifier(), a.wildcard(), a.status(), expires,
                a.challenges(), a.createdAt());
    }
}
