package dev.inkan.acme.jws;

import dev.inkan.acme.problem.ProblemException;
import dev.inkan.acme.problem.Problems;
import dev.inkan.acme.wire.AcmeUrls;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.port.AccountReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates an ACME POST (RFC 8555 §6.2-§6.5): media type, flattened JWS, algorithm, url, exactly one of
 * jwk and kid, the account behind a kid, key policy, signature, and last the nonce, so that a request refused
 * for any other reason leaves its nonce unspent.
 */
public final class JwsVerifier {
    static final String JOSE_JSON = "application/jose+json";

    private final AcmeUrls urls;
    private final AccountReader accounts;
    private final NonceService nonces;
    private final StoredKeys storedKeys = new StoredKeys(StoredKeys.DEFAULT_CAPACITY);

    public JwsVerifier(AcmeUrls urls, AccountReader accounts, NonceService nonces) {
        this.urls = urls;
        this.accounts = accounts;
        this.nonces = nonces;
    }

    public Future<SignedRequest> verify(RoutingContext ctx, KeyBinding binding) {
        try {
            requireJoseJson(ctx.request().getHeader("Content-Type"));
            FlattenedJws jws = FlattenedJws.parse(ctx.body().buffer());
            JsonObject header = jws.header();
            SignatureAlgorithm alg = SignatureAlgorithm.of(header.getValue("alg"));
            String url = urls.absolute(ctx.request().uri());
            requireUrl(header, url);
            return signer(header, binding).compose(signer -> {
                alg.requireFits(signer.key());
                if (!jws.verifies(signer.key().verificationKey(), alg.jwsName(), true)) {
                    throw Problems.malformed("the JWS signature does not verify");
                }
                return nonces.redeem(header.getValue("nonce"))
                        .map(v -> new SignedRequest(url, header, jws.payload(), signer.key(), signer.account()));
            });
        } catch (ProblemException e) {
            return Future.failedFuture(e);
        }
    }

    private record Signer(AccountKey key, Account account) {}

    // RFC 8555 §6.2: a POST body must be application/jose+json
    private static void requireJoseJson(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (!mediaType.equalsIgnoreCase(JOSE_JSON)) {
            throw Problems.unsupportedMediaType("Content-Type must be " + JOSE_JSON
                    + (contentType == null ? "" : ", not " + contentType));
        }
    }

    // RFC 8555 §6.4: the url header must be the URL the request was sent to; else unauthorized
    private static void requireUrl(JsonObject header, String url) {
        Object signed = header.getValue("url");
        if (!(signed instanceof String)) {
            throw Problems.malformed("the JWS protected header has no \"url\"");
        }
        if (!url.equals(signed)) {
            throw Problems.unauthorized("the JWS url \"" + signed + "\" is not the request URL \"" + url + "\"");
        }
    }

    // RFC 8555 §6.2: "jwk" and "kid" are mutually exclusive; newAccount uses jwk, the rest kid
    private Future<Signer> signer(JsonObject header, KeyBinding binding) {
        boolean hasJwk = header.containsKey("jwk");
        boolean hasKid = header.containsKey("kid");
        if (hasJwk == hasKid) {
            throw Problems.malformed("the JWS protected header must have exactly one of \"jwk\" and \"kid\"");
        }
        if (hasJwk && binding == KeyBinding.KID) {
            throw Problems.malformed("this request must be signed by an account: use \"kid\", not \"jwk\"");
        }
        if (hasKid && binding == KeyBinding.JWK) {
            throw Problems.malformed("newAccount requests carry the key in \"jwk\", not \"kid\"");
        }
        if (hasJwk) {
            Object jwk = header.getValue("jwk");
            if (!(jwk instanceof JsonObject object)) {
                throw Problems.malformed("\"jwk\" must be a JSON Web Key object");
            }
            return Future.succeededFuture(new Signer(AccountKey.fromJwk(object), null));
        }
        Object kid = header.getValue("kid");
        String accountId = urls.accountIdOf(kid instanceof String s ? s : null)
                .orElseThrow(() -> Problems.accountDoesNotExist("\"kid\" " + kid + " is not an account URL of this server"));
        return accounts.byId(accountId).map(found -> {
            Account account = found.orElseThrow(() -> Problems.accountDoesNotExist("no account " + kid));
            if (account.status() != AccountStatus.VALID) {
                throw Problems.unauthorized("the account " + kid + " is " + account.status().wire());
            }
            return new Signer(storedKeys.of(account.keyJwk()), account);
        });
    }
}
