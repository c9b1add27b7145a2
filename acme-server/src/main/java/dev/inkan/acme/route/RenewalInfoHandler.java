package dev.inkan.acme.route;

import dev.inkan.core.port.RegistrationAuthority;
import dev.inkan.core.port.RegistrationAuthority.RenewalInfo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.temporal.ChronoUnit;

/**
 * GET /acme/renewal-info/:certId (RFC 9773 §4.1): the suggested renewal window, unauthenticated, with Retry-After
 * saying when to ask again (§4.3). Unknown CertIDs are 404, malformed ones 400.
 */
final class RenewalInfoHandler implements UnsignedHandler {
    private final RegistrationAuthority ra;

    RenewalInfoHandler(RegistrationAuthority ra) {
        this.ra = ra;
    }

    @Override
    public Future<Reply> handle(RoutingContext ctx) {
        return ra.renewalInfo(ctx.pathParam("certId")).map(RenewalInfoHandler::reply);
    }

    private static Reply reply(RenewalInfo info) {
        // RFC 9773 §4.2: RFC 3339 timestamps; whole seconds are enough for a window
        JsonObject window = new JsonObject()
                .put("start", info.start().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("end", info.end().truncatedTo(ChronoUnit.SECONDS).toString());
        JsonObject body = new JsonObject().put("suggestedWindow", window);
        if (info.explanationUrl() != null) {
            body.put("explanationURL", info.explanationUrl());
        }
        return Reply.json(200, body).header("Retry-After", Long.toString(info.retryAfter().toSeconds()));
    }
}
