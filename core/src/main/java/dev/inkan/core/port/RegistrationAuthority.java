package dev.inkan.core.port;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.Order;
import dev.inkan.core.model.RevocationReason;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registration authority as the front ends see it: every operation that changes state. Failures are
 * {@code CaException}s whose kind the front end maps to its wire problem. Ownership is checked here too:
 * an object of another account is {@code NOT_FOUND}.
 */
public interface RegistrationAuthority {

    /**
     * @param keyJwk            the account key, public JWK JSON
     * @param contacts          {@code mailto:} URIs, not yet validated
     * @param onlyReturnExisting RFC 8555 §7.3.1: never create, {@code accountDoesNotExist} if absent
     * @param eabKeyId          the verified external account binding key id, or null
     * @param clientAddress     the IP address the request came from, for the new-accounts rate limit; null if unknown
     */
    record NewAccountRequest(
            String keyJwk,
            String keyThumbprint,
            List<String> contacts,
            boolean termsAgreed,
            boolean onlyReturnExisting,
            String eabKeyId,
            String clientAddress) {
        /** A request whose client address is not known. */
        public NewAccountRequest(String keyJwk, String keyThumbprint, List<String> contacts, boolean termsAgreed,
                boolean onlyReturnExisting, String eabKeyId) {
            this(keyJwk, keyThumbprint, contacts, termsAgreed, onlyReturnExisting, eabKeyId, null);
        }
    }

    /** @param created false when an account with this key existed already */
    record NewAccountResult(Account account, boolean created) {}

    /**
     * @param notBefore null when not requested
     * @param notAfter  null when not requested
     * @param profile   null for the default profile
     */
    record NewOrderRequest(
            String accountId, List<Identifier> identifiers, Instant notBefore, Instant notAfter, String profile) {}

    /** @param accountUrl the account's URL as the client knows it (RFC 8657 accounturi) */
    record ChallengeResponse(String accountId, String accountUrl, String authorizationId, String challengeId) {}

    /**
     * Exactly one of: {@code accountId} set (RFC 8555 §7.6, the account must hold valid authorizations for
     * every name) or {@code byCertificateKey} (the request was signed with the certificate's own key).
     *
     * @param reason null means unspecified
     */
    record RevocationRequest(byte[] certificateDer, RevocationReason reason, String accountId, boolean byCertificateKey) {}

    Future<NewAccountResult> newAccount(NewAccountRequest request);

    /** @param contacts the new contact list; null leaves it unchanged */
    Future<Account> updateAccount(String accountId, List<String> contacts);

    Future<Account> deactivateAccount(String accountId);

    Future<Account> changeKey(String accountId, String newKeyJwk, String newKeyThumbprint);

    Future<Order> newOrder(NewOrderRequest request);

    Future<Authorization> deactivateAuthorization(String accountId, String authorizationId);

    /** Starts validation in the background and returns at once with the challenge PROCESSING. */
    Future<Authorization> respondToChallenge(ChallengeResponse response);

    /**
     * A PENDING order (already read by its owner) moved on as the change of its authorizations would have moved it
     * (RFC 8555 §7.1.6): READY when all are valid, INVALID when one failed. Orders move when the authorization
     * changes; this is for the order whose mover died between the two writes (a killed front end). Returns the order
     * as it now is; any other order as it is.
     */
    Future<Order> refreshOrder(Order order);

    /** Checks the CSR, moves the order to PROCESSING and issues in the background (RFC 8555 §7.4). */
    Future<Order> finalizeOrder(String accountId, String orderId, byte[] csrDer);

    Future<Void> revokeCertificate(RevocationRequest request);

    /**
     * RFC 9773 §4.2: when the certificate should be renewed.
     *
     * @param start          the suggested window's start; in the past means renew now
     * @param explanationUrl why the window is what it is, or null
     * @param retryAfter     when the client should ask again
     */
    record RenewalInfo(Instant start, Instant end, String explanationUrl, Duration retryAfter) {}

    /** newOrder with RFC 9773 §5 {@code replaces}: the ARI CertID of the certificate the order renews, or null. */
    Future<Order> newOrder(NewOrderRequest request, String replaces);

    /** The ARI CertID an order declared it replaces (RFC 9773 §5: echoed in the order object), if any. */
    Future<Optional<String>> replacedBy(String orderId);

    /** RFC 9773 §4.1: the renewal window of the certificate this ARI CertID names; NOT_FOUND when unknown. */
    Future<RenewalInfo> renewalInfo(String certId);

    /**
     * A domain validation by a method outside ACME for one pending authorization (for reseller and portal orders;
     * ACME clients never see these methods).
     *
     * @param method        {@code Challenge.CONSTRUCTED_EMAIL} (BR 3.2.2.4.4), {@code Challenge.WEBSITE_CHANGE}
     *                      (BR 3.2.2.4.18) or {@code Challenge.DOMAIN_CONTACT} (BR 3.2.2.4.12)
     * @param emailAddress  for constructed-email: one of {@link #constructedAddresses}; otherwise null
     * @param applicantName for domain-contact: the applicant organization the registrant must be; otherwise null
     */
    record DomainValidationRequest(String accountId, String authorizationId, String method, String emailAddress,
            String applicantName) {}

    /**
     * What the email confirmation page shows for a value, before anyone confirms.
     *
     * @param domain       the name the authorization is for (without {@code *.})
     * @param address      the constructed address the value was mailed to
     * @param valueExpires when the value stops being accepted
     * @param confirmed    true when this value already validated the authorization
     */
    record EmailValidationView(String domain, boolean wildcard, String address, Instant valueExpires,
            boolean confirmed) {}

    /**
     * Starts a validation by a method outside ACME, or switches to another one (or to another address): any earlier
     * pending validation of such a method on the authorization is dropped, its value with it. constructed-email mails a
     * new random value to the address; website-change issues a new random value for the file named in the
     * challenge's {@code target} (the value is the challenge's {@code token}); domain-contact looks the registrant up
     * at once (the challenge is then PROCESSING). Returns the authorization with the new challenge.
     */
    Future<Authorization> startDomainValidation(DomainValidationRequest request);

    /**
     * BR 3.2.2.4.4: mails the pending constructed-email validation again to the same address. The email carries a
     * new random value (a value is unique per email) and the earlier one stops working.
     */
    Future<Authorization> resendValidationEmail(String accountId, String authorizationId);

    /**
     * website-change or domain-contact: checks now, in the background (the challenge goes PROCESSING, as after an
     * ACME response). Answering again while a check runs changes nothing.
     */
    Future<Authorization> checkDomainValidation(String accountId, String authorizationId);

    /** For the confirmation page (GET): what an emailed value is for. NOT_FOUND when no authorization holds it. */
    Future<EmailValidationView> emailValidation(String value);

    /**
     * The recipient confirmed on the CA's page (a POST; a GET must never call this): the authorization becomes valid
     * once CAA permits, and the orders holding it move on. Refused ({@code unauthorized}) when the value is past its
     * lifetime or the method is no longer allowed (BR 3.2.2.4.4: not from 2028-03-15).
     *
     * @param confirmedFrom the address the confirmation came from, for the record
     */
    Future<Authorization> confirmEmailValidation(String value, String confirmedFrom);

    /** The methods outside ACME this name may use now (dated rules and the operator's registrar list applied). */
    List<String> domainValidationMethods(Identifier identifier);

    /**
     * BR 3.2.2.4.4: the constructed addresses for a name, admin, administrator, webmaster, hostmaster and postmaster
     * at the name and at each parent down to its registrable domain (never a public suffix).
     */
    List<String> constructedAddresses(Identifier identifier);

    /**
     * draft-ietf-acme-profiles §3: the profiles a client may name in newOrder, each with a description for
     * people, in the order to advertise them; empty when profiles are not advertised.
     */
    Map<String, String> profiles();

    /**
     * Checks a CSR against the names as finalize will (RFC 8555 §7.4: well-formed, proof of possession, an accepted
     * key, exactly these names), without an order, for front ends that take the CSR when the order is placed.
     * Refusals are {@code badCSR} or {@code badPublicKey} saying what to fix.
     *
     * @param identifiers lowercased, with any {@code *.}
     * @return the hex SHA-256 of the CSR's DER SubjectPublicKeyInfo, as certificates record it
     */
    Future<String> checkCertificateRequest(List<Identifier> identifiers, byte[] csrDer);
}
