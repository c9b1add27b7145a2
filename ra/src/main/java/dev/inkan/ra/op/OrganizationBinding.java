package dev.inkan.ra.op;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.vetting.ExternalAccountKey;
import dev.inkan.core.vetting.OrganizationSubject;
import dev.inkan.core.vetting.VettedOrganization;
import dev.inkan.core.vetting.VettedOrganizations;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The vetted organization an ACME account is bound to: the account was created with an External Account Binding
 * key (RFC 8555 §7.3.4) issued when the organization's vetting was approved. OV is decided here, in the RA, before
 * anything is signed; an account without such a binding never gets an OV certificate.
 */
public final class OrganizationBinding {
    /** The CA profile whose subject names the vetted organization (CP 002 table 7.1.1). */
    public static final String OV_PROFILE = "ov";

    private volatile VettedOrganizations organizations = null;

    /** Connects the vetted organizations; until then no account is bound and OV is refused. */
    public void connect(VettedOrganizations vetted) {
        this.organizations = vetted;
    }

    /** A binding as found: the key and its organization. */
    public record Bound(ExternalAccountKey key, VettedOrganization organization) {}

    /** The organization the account is bound to, whatever its state; empty for a DV-only account. */
    public Future<Optional<Bound>> of(Account account) {
        VettedOrganizations vetted = organizations;
        if (vetted == null || account.eabKeyId() == null) {
            return Future.succeededFuture(Optional.empty());
        }
        return vetted.externalAccountKey(account.eabKeyId()).compose(key -> key.isEmpty()
                ? Future.succeededFuture(Optional.<Bound>empty())
                : vetted.organization(key.get().organizationId())
                        .map(org -> org.map(o -> new Bound(key.get(), o))));
    }

    /**
     * The subject an OV certificate for these names gets, or a refusal the subscriber can act on: the account is
     * not bound (a DV-only account), its key or organization is suspended, the vetting is past its BR 4.2.1 reuse
     * period, or a name is outside the vetted domain names.
     */
    public Future<OrganizationSubject> requireForOv(Account account, List<Identifier> identifiers, Instant at) {
        return of(account).map(found -> {
            Bound bound = found.orElseThrow(() -> new CaException(ErrorKind.UNAUTHORIZED, "profile \"" + OV_PROFILE
                    + "\" is only for accounts bound to a vetted organization; create the ACME account with the "
                    + "External Account Binding key shown in the vetting portal"));
            if (!bound.key().active()) {
                throw new CaException(ErrorKind.UNAUTHORIZED, "the External Account Binding key "
                        + bound.key().kid() + " of this account is suspended; contact the vetting team");
            }
            VettedOrganization org = bound.organization();
            org.requireUsableForOv(at);
            for (Identifier i : identifiers) {
                if (!org.covers(i.value())) {
                    throw new CaException(ErrorKind.REJECTED_IDENTIFIER, i.value() + " is not among the domain names"
                            + " vetted for " + org.legalNameEn() + " " + org.domainNames()
                            + "; apply for it in the vetting portal");
                }
            }
            return org.subject();
        });
    }
}
