package dev.inkan.acme.route;

import dev.inkan.acme.wire.AccountJson;
import dev.inkan.acme.wire.AcmeUrls;
import dev.inkan.acme.wire.AuthorizationJson;
import dev.inkan.acme.wire.ChallengeJson;
import dev.inkan.acme.wire.OrderJson;
import dev.inkan.core.model.Account;
import dev.inkan.core.model.Authorization;
import dev.inkan.core.model.AuthorizationStatus;
import dev.inkan.core.model.Challenge;
import dev.inkan.core.model.ChallengeStatus;
import dev.inkan.core.model.Order;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The replies that show an ACME object, with the headers that go with each (RFC 8555 §7.1). */
final class Representations {
    private final AcmeUrls urls;
    private final Clock clock;

    Representations(AcmeUrls urls, Clock clock) {
        this.urls = urls;
        this.clock = clock;
    }

    AcmeUrls urls() {
        return urls;
    }

    Instant now() {
        return clock.instant();
    }

    Reply account(int status, Account account) {
        return Reply.json(status, AccountJson.of(account, urls).toJson()).location(urls.account(account.id()));
    }

    Reply order(int status, Order order) {
        return order(status, order, Optional.empty());
    }

    /** @param replaces RFC 9773 §5: the CertID the order declared it replaces, echoed in the order object */
    Reply order(int status, Order order, Optional<String> replaces) {
        OrderJson json = OrderJson.of(order, urls, clock.instant());
        JsonObject body = json.toJson();
        replaces.ifPresent(certId -> body.put("replaces", certId));
        return Reply.json(status, body).location(urls.order(order.id())).retryAfterIf(json.isProcessing());
    }

    Reply authorization(Authorization authz) {
        boolean processing = authz.status() == AuthorizationStatus.PENDING
                && authz.challenges().stream().anyMatch(c -> c.status() == ChallengeStatus.PROCESSING);
        return Reply.json(200, AuthorizationJson.of(authz, urls, clock.instant()).toJson()).retryAfterIf(processing);
    }

    /** RFC 8555 §7.5.1: a challenge links "up" to its authorization. */
    Reply challenge(Authorization authz, Challenge challenge) {
        return Reply.json(200, ChallengeJson.of(authz.id(), challenge, urls).toJson())
                .link(urls.authorization(authz.id()), "up")
                .retryAfterIf(challenge.status() == ChallengeStatus.PROCESSING);
    }
}
