package dev.inkan.app;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.AccountReader;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CP 002 §4.3.2: the subscriber hears by email of every issuance, and of every revocation. The message goes to the
 * account's {@code mailto:} contacts; an account without one gets none. Mail is best effort: a failure is logged
 * and never reaches issuance or revocation, which have already happened.
 */
final class SubscriberNotices {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriberNotices.class);

    private final AccountReader accounts;
    private final SmtpMailer mailer;
    private final String caName;

    SubscriberNotices(AccountReader accounts, SmtpMailer mailer, String caName) {
        this.accounts = accounts;
        this.mailer = mailer;
        this.caName = caName;
    }

    Future<Void> issued(CertificateRecord c) {
        String subject = "Certificate issued for " + c.dnsNames().get(0);
        String text = "A certificate was issued to your ACME account by " + caName + ".\n\n"
                + facts(c)
                + "If you did not request it, revoke it through your ACME client (revokeCert) or contact us.\n";
        return send(c, subject, text);
    }

    Future<Void> revoked(CertificateRecord c) {
        RevocationReason reason = c.revocationReason() == null ? RevocationReason.UNSPECIFIED : c.revocationReason();
        String subject = "Certificate revoked for " + c.dnsNames().get(0);
        String text = "A certificate of your ACME account was revoked by " + caName + ".\n\n"
                + facts(c)
                + "Revoked at:   " + c.revokedAt() + "\n"
                + "Reason:       " + reason.name() + " (CRL reason code " + reason.code() + ")\n\n"
                + "Relying parties now see it as revoked on the CRL and through OCSP. Revocation is final;"
                + " order a new certificate to replace it.\n";
        return send(c, subject, text);
    }

    private static String facts(CertificateRecord c) {
        return "Names:        " + String.join(", ", c.dnsNames()) + "\n"
                + "Serial:       " + c.serial() + "\n"
                + "Issuing CA:   " + c.issuerId() + "\n"
                + "Valid from:   " + c.notBefore() + "\n"
                + "Valid until:  " + c.notAfter() + "\n";
    }

    private Future<Void> send(CertificateRecord c, String subject, String text) {
        if (c.accountId() == null) {
            return Future.succeededFuture();
        }
        return accounts.byId(c.accountId())
                .compose(found -> {
                    List<String> to = found.map(SubscriberNotices::mailboxes).orElse(List.of());
                    return to.isEmpty() ? Future.<Void>succeededFuture() : mailer.send(to, subject, text);
                })
                .recover(e -> {
                    LOG.warn("could not email the notice \"{}\" for certificate {}: {}", subject, c.serial(),
                            e.toString());
                    return Future.succeededFuture();
                });
    }

    /** The addresses of the account's {@code mailto:} contacts (RFC 8555 §7.3: contacts are URLs). */
    static List<String> mailboxes(Account a) {
        return a.contacts().stream()
                .filter(uri -> uri.regionMatches(true, 0, "mailto:", 0, 7))
                .map(uri -> uri.substring(7))
                .filter(SmtpMailer::isAddress)
                .toList();
    }
}
