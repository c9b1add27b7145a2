package dev.inkan.orderapi;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem the API answers with. Types of the API's own are {@code urn:inkan:order-api:<name>}; a
 * refusal from the RA keeps its ACME type ({@code urn:ietf:params:acme:error:<name>}, RFC 8555 §6.7), which says
 * the same thing. docs/reseller-api.md lists them.
 *
 * @param retryAfterSeconds for 429, the Retry-After value; otherwise 0
 */
record ApiProblem(int status, String type, String title, String detail, long retryAfterSeconds) {
    static final String PREFIX = "urn:inkan:order-api:";

    static ApiException of(int status, String name, String title, String detail) {
        return new ApiException(new ApiProblem(status, PREFIX + name, title, detail, 0));
    }

    static ApiException badRequest(String detail) {
        return of(400, "malformed", "Bad request", detail);
    }

    static ApiException notFound(String what) {
        return of(404, "notFound", "Not found", what + " does not exist");
    }

    static ApiException conflict(String detail) {
        return of(409, "conflict", "Conflict with the object's state", detail);
    }

    static ApiException unprocessable(String name, String detail) {
        return of(422, name, "Refused", detail);
    }

    static ApiException quota(String name, String detail, long retryAfterSeconds) {
        return new ApiException(new ApiProblem(429, PREFIX + name, "Quota used up", detail, retryAfterSeconds));
    }

    /** Any failure as a problem: the API's own, the RA's CaException, or a generic 500 (the cause is logged). */
    static ApiProblem from(Throwable t) {
        if (t instanceof ApiException e) {
            return e.problem();
        }
        if (t instanceof CaException e) {
            return fromRa(e.problem());
        }
        return new ApiProblem(500, PREFIX + "serverInternal", "Internal error",
                "the CA could not complete the request; it may be retried", 0);
    }

    static ApiProblem fromRa(Problem p) {
        ErrorKind k = p.kind();
        if (k == ErrorKind.NOT_FOUND) {
            return new ApiProblem(404, PREFIX + "notFound", "Not found", p.detail(), 0);
        }
        if (k == ErrorKind.CONFLICT) {
            return new ApiProblem(409, PREFIX + "conflict", "Conflict with the object's state", p.detail(), 0);
        }
        if (k == ErrorKind.SERVER_INTERNAL) {
            return new ApiProblem(500, k.typeUrn(), "Internal error", p.detail(), 0);
        }
        return new ApiProblem(k.httpStatus(), k.typeUrn(), k.acmeName(), p.detail(), 0);
    }

    JsonObject json(String instance) {
        JsonObject j = new JsonObject().put("type", type).put("title", title).put("status", status);
        if (detail != null) {
            j.put("detail", detail);
        }
        if (instance != null) {
            j.put("instance", instance);
        }
        return j;
    }
}
