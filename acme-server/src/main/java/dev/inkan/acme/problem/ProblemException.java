package dev.inkan.acme.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A refusal decided by the protocol layer itself (JWS, nonce, payload shape), carrying the exact problem
 * document and any header the answer needs (Allow, Location). The RA's refusals arrive as CaException.
 */
public final class ProblemException extends RuntimeException {
    private final ProblemDocument document;
    private final List<Map.Entry<String, String>> headers;

    public ProblemException(ProblemDocument document) {
        this(document, List.of());
    }

    private ProblemException(ProblemDocument document, List<Map.Entry<String, String>> headers) {
        // a control-flow signal: no stack trace, no suppression (as vertx-web's HttpException)
        super(document.type() + ": " + document.detail(), null, false, false);
        this.document = document;
        this.headers = List.copyOf(headers);
    }

    public ProblemDocument document() {
        return document;
    }

    /** Headers to send with the problem, in order. */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    public ProblemException withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new ProblemException(document, more);
    }
}
