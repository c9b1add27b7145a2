package dev.inkan.validators;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.model.Challenge;

/**
 * What a fetch under {@code /.well-known/} must find: the http-01 key authorization (RFC 8555 §8.3, BR 3.2.2.4.19)
 * or the random value of an agreed-upon change to website (BR 3.2.2.4.18). The fetching, redirect and port rules are
 * the same for both ({@link Http01Attempt}).
 *
 * @param method      the method the records name
 * @param brSection   the BR section with its version
 * @param expected    the key authorization, or the random value
 * @param anySuccess  true when any 2xx answer counts (BR 3.2.2.4.18), false when only 200 does (RFC 8555 §8.3)
 */
record WellKnownFile(String method, String brSection, String expected, boolean anySuccess) {

    static WellKnownFile http01(String keyAuthorization) {
        return new WellKnownFile(Challenge.HTTP_01, BrSection.of("3.2.2.4.19"), keyAuthorization, false);
    }

    static WellKnownFile websiteChange(String randomValue) {
        return new WellKnownFile(Challenge.WEBSITE_CHANGE, BrSection.of("3.2.2.4.18"), randomValue, true);
    }

    boolean acceptsStatus(int status) {
        return anySuccess ? status >= 200 && status < 300 : status == 200;
    }

    /** Null when the body is what was asked for; otherwise the problem, saying what was seen. */
    CaException refusal(String body) {
        // RFC 8555 §8.3: the server SHOULD ignore whitespace characters at the end of the body.
        String trimmed = Http01Attempt.stripTrailingWhitespace(body);
        if (!anySuccess) {
            return trimmed.equals(expected) ? null : new CaException(ErrorKind.UNAUTHORIZED,
                    "The key authorization file from the server did not match this challenge: expected \""
                            + expected + "\" but received \"" + Excerpt.of(trimmed) + "\"");
        }
        // BR 3.2.2.4.18: the Required Website Content is the random value; the file may hold it among other lines.
        return trimmed.strip().lines().anyMatch(line -> line.strip().equals(expected)) ? null
                : new CaException(ErrorKind.UNAUTHORIZED, "The validation file from the server did not hold the"
                        + " random value: expected a line \"" + expected + "\" but received \"" + Excerpt.of(trimmed)
                        + "\"");
    }
}
