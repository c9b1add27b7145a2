package dev.inkan.acme.route;

import dev.inkan.acme.jws.SignedRequest;
import dev.inkan.acme.problem.Problems;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ownership rule: another account's object answers exactly as a missing one (404), so ids reveal nothing
 * (Boulder wfe2: "pretend it doesn't exist").
 */
final class Ownership {
    private Ownership() {}

    static <T> T require(Optional<T> found, Function<T, String> ownerOf, SignedRequest request, String what) {
        return found.filter(o -> ownerOf.apply(o).equals(request.account().id()))
                .orElseThrow(() -> Problems.notFound(what));
    }

    /** Account resources are addressed by the account itself: a kid naming another account is unauthorized. */
    static void requireSelf(String accountId, SignedRequest request) {
        if (!request.account().id().equals(accountId)) {
            throw Problems.unauthorized("the request is signed by another account than " + accountId);
        }
    }

    /** RFC 8555 §6.3: resources fetched by POST-as-GET take an empty payload. */
    static void requirePostAsGet(SignedRequest request) {
        if (!request.isPostAsGet()) {
            throw Problems.malformed("this resource is fetched with POST-as-GET: the payload must be empty");
        }
    }
}
