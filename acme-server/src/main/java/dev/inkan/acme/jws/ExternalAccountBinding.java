package dev.inkan.acme.jws;

import dev.inkan.acme.AcmeReaders;
import dev.inkan.acme.problem.Problems;
import dev.inkan.acme.wire.Base64Url;
import dev.inkan.core.vetting.ExternalAccountKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.keys.HmacKey;

/**
 * External account binding (RFC 8555 §7.3.4): the newAccount payload carries a JWS, MACed with a key we
 * handed out beforehand under a key id, whose payload is the account key.
 */
public final class ExternalAccountBinding {
    static final List<String> MAC_ALGORITHMS = List.of("HS256", "HS384", "HS512");

    private final Map<String, byte[]> macKeys;
    private final AcmeReaders.ExternalAccountKeys issued;

    /** @param macKeysByKid base64url MAC keys by key id */
    public ExternalAccountBinding(Map<String, String> macKeysByKid) {
        this(macKeysByKid, kid -> Future.succeededFuture(Optional.empty()));
    }

    /**
     * @param macKeysByKid configured base64url MAC keys by key id
     * @param issued       the keys issued to vetted organizations; a suspended one binds no new account
     */
    public ExternalAccountBinding(Map<String, String> macKeysByKid, AcmeReaders.ExternalAccountKeys issued) {
        this.issued = issued;
        Map<String, byte[]> keys = new HashMap<>();
        macKeysByKid.forEach((kid, key) -> keys.put(kid, Base64Url.decode(key)
                .filter(b -> b.length > 0)
                .orElseThrow(() -> new IllegalArgumentException("EAB key " + kid + " is not base64url"))));
        this.macKeys = Map.copyOf(keys);
    }

    /**
     * Verifies the binding and returns its key id.
     *
     * @param newAccountUrl the URL the outer JWS was signed for
     * @param accountKey    the outer JWS's jwk, which the binding must carry as its payload
     */
    public Future<String> verify(JsonObject binding, String newAccountUrl, AccountKey accountKey) {
        FlattenedJws jws = FlattenedJws.parse(binding);
        JsonObject header = jws.header();
        Object alg = header.getValue("alg");
        if (!MAC_ALGORITHMS.contains(alg)) {
            throw Problems.malformed("the external account binding must use a MAC algorithm " + MAC_ALGORITHMS);
        }
        if (header.containsKey("nonce")) {
            throw Problems.malformed("the external account binding must not have a nonce (RFC 8555 §7.3.4)");
        }
        if (!newAccountUrl.equals(header.getValue("url"))) {
            throw Problems.malformed("the external account binding url must be the newAccount URL " + newAccountUrl);
        }
        Object kid = header.getValue("kid");
        if (!(kid instanceof String k)) {
            throw Problems.malformed("the external account binding needs a kid");
        }
        if (macKeys.containsKey(k)) {
            return Future.succeededFuture(verified(jws, k, macKeys.get(k), (String) alg, accountKey));
        }
        return issued.byKid(k).map(found -> {
            ExternalAccountKey key = found.orElseThrow(() ->
                    Problems.unauthorized("the external account binding key id " + k + " is not known"));
            if (!key.active()) {
                throw Problems.unauthorized("the external account binding key id " + k
                        + " is suspended; contact the vetting team");
            }
            byte[] mac = Base64Url.decode(key.macKey()).orElseThrow(() ->
                    new IllegalStateException("stored EAB key " + k + " is not base64url"));
            return verified(jws, k, mac, (String) alg, accountKey);
        });
    }

    private static String verified(FlattenedJws jws, String kid, byte[] macKey, String alg, AccountKey accountKey) {
        if (!jws.verifies(new HmacKey(macKey), alg, false)) {
            throw Problems.unauthorized("the external account binding MAC does not verify with key id " + kid);
        }
        AccountKey bound = AccountKey.parse(jws.payloadJson());
        if (!bound.thumbprint().equals(accountKey.thumbprint())) {
            throw Problems.malformed("the external account binding payload is not the key this request is signed with");
        }
        return kid;
    }
}
