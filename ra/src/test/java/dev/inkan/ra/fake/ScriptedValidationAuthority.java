package dev.inkan.ra.fake;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.ValidationAuthority;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Answers valid unless told otherwise for a name; can also hold every answer until released. */
public final class ScriptedValidationAuthority implements ValidationAuthority {
    private final Map<String, ValidationOutcome> outcomes = new HashMap<>();
    private final List<ValidationRequest> requests = new ArrayList<>();
    private final List<Promise<ValidationOutcome>> held = new ArrayList<>();
    private boolean hold;

    public synchronized void failFor(String name, ErrorKind kind, String detail) {
        outcomes.put(name, new ValidationOutcome(false, Problem.of(kind, detail), List.of(record(name))));
    }

    /** From now on, answers only when {@link #release()} is called (or never). */
    public synchronized void hold() {
        hold = true;
    }

    public synchronized void release() {
        hold = false;
        held.forEach(p -> p.tryComplete(valid("released")));
        held.clear();
    }

    public synchronized List<ValidationRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized Future<ValidationOutcome> validate(ValidationRequest request) {
        requests.add(request);
        if (hold) {
            Promise<ValidationOutcome> p = Promise.promise();
            held.add(p);
            return p.future();
        }
        String name = request.identifier().value();
        return Future.succeededFuture(outcomes.getOrDefault(name, valid(name)));
    }

    private static ValidationOutcome valid(String name) {
        return new ValidationOutcome(true, null, List.of(record(name)));
    }

    private static ValidationRecord record(String name) {
        return new ValidationRecord("http-01", "3.2.2.4.19", name, "http://" + name + "/.well-known/acme-challenge/x",
                List.of("127.0.0.1"), "127.0.0.1", "seen", "primary", null);
    }
}
