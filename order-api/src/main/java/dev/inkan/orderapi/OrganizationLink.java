package dev.inkan.orderapi;

import dev.inkan.core.error.CaException;
import dev.inkan.core.port.AccountReader;
import dev.inkan.core.reseller.Customer;
import dev.inkan.core.vetting.ExternalAccountKey;
import dev.inkan.core.vetting.VettedOrganization;
import dev.inkan.core.vetting.VettedOrganizations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A reseller's customer linked to an organization that passed OV vetting (CP 002 §3.2.2.1). Vetting gave the
 * organization an External Account Binding key; the organization authorizes a reseller by giving it the key id and
 * {@code HMAC-SHA256(key, reseller id)}, so that the key itself need not leave the organization and the proof is
 * good for that reseller only: the possession proof RFC 8555 §7.3.4 asks of an ACME client, made once. The link is
 * checked again at every OV order, since vetting can be suspended or grow too old (BR 4.2.1) after it was made.
 */
final class OrganizationLink {
    private final VettedOrganizations organizations;
    private final AccountReader accounts;

    OrganizationLink(VettedOrganizations organizations, AccountReader accounts) {
        this.organizations = organizations;
        this.accounts = accounts;
    }

    /** The key and organization a link request names, once its proof verifies and the vetting is usable now. */
    record Linked(ExternalAccountKey key, VettedOrganization organization) {}

    Future<Linked> verify(String resellerId, JsonObject link, Instant now) {
        String kid = link.getString("keyId");
        return organizations.externalAccountKey(kid).compose(found -> {
            ExternalAccountKey key = found.filter(k -> proves(k, resellerId, link.getString("mac")))
                    .orElseThrow(() -> notVetted("the key " + kid + " and its mac do not prove an organization's"
                            + " authorization: mac must be base64url(HMAC-SHA256(key, \"" + resellerId + "\")) with"
                            + " the External Account Binding key the vetting portal showed the organization"));
            return usable(key, now).map(org -> new Linked(key, org));
        });
    }

    /** The customer's organization, if an OV order may certify it now; a problem the reseller can act on otherwise. */
    Future<VettedOrganization> requireUsable(Customer customer, Instant now) {
        if (customer.organizationId() == null) {
            return Future.failedFuture(notVetted("an OV order needs a customer linked to a vetted organization;"
                    + " customer " + customer.id() + " is not (create the customer with organization)"));
        }
        return accounts.byId(customer.accountId()).compose(account -> {
            String kid = account.map(a -> a.eabKeyId()).orElse(null);
            return kid == null ? Future.failedFuture(notVetted("customer " + customer.id() + " has no binding"))
                    : organizations.externalAccountKey(kid).compose(key -> key.isEmpty()
                            ? Future.failedFuture(notVetted("the binding of customer " + customer.id() + " is gone"))
                            : usable(key.get(), now));
        });
    }

    private Future<VettedOrganization> usable(ExternalAccountKey key, Instant now) {
        if (!key.active()) {
            return Future.failedFuture(notVetted("the External Account Binding key " + key.kid()
                    + " of the organization is suspended; the organization should contact the CA's vetting team"));
        }
        return organizations.organization(key.organizationId()).map(found -> {
            VettedOrganization org = found.orElseThrow(() -> notVetted("no vetted organization for key " + key.kid()));
            try {
                org.requireUsableForOv(now);
            } catch (CaException e) {
                throw notVetted(e.getMessage());
            }
            return org;
        });
    }

    private static boolean proves(ExternalAccountKey key, String resellerId, String mac) {
        try {
            byte[] secret = Base64.getUrlDecoder().decode(key.macKey());
            byte[] given = Base64.getUrlDecoder().decode(mac);
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return MessageDigest.isEqual(hmac.doFinal(resellerId.getBytes(StandardCharsets.UTF_8)), given);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static ApiException notVetted(String detail) {
        return ApiProblem.unprocessable("organizationNotVetted", detail);
    }
}
