package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.ValidationAuthority.ValidationOutcome;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * BR 3.2.2.4.18 Agreed-Upon Change to Website v2: the random value in a file under {@code /.well-known/pki-validation/}
 * on the name, over http on port 80 and then, if that fails, https on port 443 (the sandbox's stand-ins for them),
 * each fetched as http-01 is (same redirects, ports, size cap and timeout). The file name is random and unrelated
 * to the value, so the value never appears in the request.
 */
final class WebsiteChangeCheck {
    static final String PATH = "/.well-known/pki-validation/";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_-]{1,64}\\.txt");

    private final Http01Context ctx;

    WebsiteChangeCheck(Http01Context ctx) {
        this.ctx = ctx;
    }

    Future<ValidationOutcome> validate(String name, String file, String randomValue) {
        if (file == null || !FILE.matcher(file).matches()) {
            return Future.succeededFuture(new ValidationOutcome(false,
                    Problem.of(ErrorKind.MALFORMED, "not a validation file name: \"" + Excerpt.of(String.valueOf(file))
                            + "\""), List.of()));
        }
        List<ValidationRecord> records = new ArrayList<>();
        ChallengeUrl http = new ChallengeUrl(false, name, ctx.config().http01Port(), PATH + file);
        ChallengeUrl https = new ChallengeUrl(true, name, ctx.config().tlsPort(), PATH + file);
        return attempt(http, randomValue, records).compose(httpProblem -> {
            if (httpProblem == null) {
                return Future.succeededFuture(new ValidationOutcome(true, null, records));
            }
            return attempt(https, randomValue, records).map(httpsProblem -> httpsProblem == null
                    ? new ValidationOutcome(true, null, records)
                    : new ValidationOutcome(false, new Problem(httpProblem.kind(), "Over http: " + httpProblem.detail()
                            + " Over https: " + httpsProblem.detail(), null, List.of()), records));
        });
    }

    /** Null when the file held the value; otherwise what went wrong. */
    private Future<Problem> attempt(ChallengeUrl first, String randomValue, List<ValidationRecord> records) {
        Http01Attempt attempt = new Http01Attempt(ctx, WellKnownFile.websiteChange(randomValue));
        return attempt.run(first).transform(ar -> {
            records.addAll(attempt.records());
            return Future.succeededFuture(ar.succeeded() ? null : CaException.problemOf(ar.cause()));
        });
    }
}
