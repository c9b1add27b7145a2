package dev.inkan.validators.perspective;

import dev.inkan.core.model.PerspectiveResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Waits for the remote perspectives until the BR 3.2.2.9 quorum is decided either way, then cancels the ones still
 * running (their results could not change the outcome). Answers may arrive on several event loops, so the
 * counting is synchronized.
 */
final class Quorum<T> {
    /** @param summary e.g. "3/4 remote perspectives corroborated (at most 1 may not)" */
    record Decision(boolean corroborated, List<PerspectiveResult> results, String summary) {}

    private final List<RemotePerspective.Call<T>> calls;
    private final Predicate<T> corroborates;
    private final Function<T, String> describe;
    private final int allowedFailures;
    private final int requiredRegions;
    private final Set<String> corroboratingRegions = new TreeSet<>();
    private final PerspectiveResult[] results;
    private final Promise<Decision> decided = Promise.promise();
    private int agreed;
    private int disagreed;

    /** @param requiredRegions how many RIR regions the corroborating perspectives must span (BR 3.2.2.9) */
    Quorum(List<RemotePerspective.Call<T>> calls, Predicate<T> corroborates, Function<T, String> describe,
            int requiredRegions) {
        this.calls = List.copyOf(calls);
        this.corroborates = corroborates;
        this.describe = describe;
        this.requiredRegions = requiredRegions;
        this.allowedFailures = MpicPolicy.allowedFailures(calls.size());
        this.results = new PerspectiveResult[calls.size()];
    }

    Future<Decision> decide() {
        if (calls.isEmpty()) {
            decided.tryComplete(new Decision(true, List.of(), "no remote perspectives"));
        }
        for (int i = 0; i < calls.size(); i++) {
            int index = i;
            RemotePerspective.Call<T> call = calls.get(i);
            call.result().onComplete(ar -> counted(index, call, ar));
        }
        return decided.future();
    }

    private synchronized void counted(int index, RemotePerspective.Call<T> call, io.vertx.core.AsyncResult<T> ar) {
                // Decided already, or cancelled (and recorded as such) by cancelAll.
                if (decided.future().isComplete() || results[index] != null) {
                    return;
                }
                boolean ok = ar.succeeded() && corroborates.test(ar.result());
                String detail = ar.succeeded() ? describe.apply(ar.result()) : "no answer: " + ar.cause().getMessage();
                results[index] = new PerspectiveResult(call.perspective(), ok, detail);
                if (ok) {
                    agreed++;
                    corroboratingRegions.add(call.region());
                } else {
                    disagreed++;
                }
                boolean regionsMet = corroboratingRegions.size() >= requiredRegions;
                if (agreed >= calls.size() - allowedFailures && regionsMet) {
                    finish(true);
                } else if (disagreed > allowedFailures || agreed + disagreed == calls.size()) {
                    // too many disagree, or all answered and the ones that agree sit in too few regions
                    finish(false);
                }
    }

    /** Cancels the others and reports every perspective, the cancelled ones included. */
    synchronized void cancelAll(String why) {
        for (int i = 0; i < calls.size(); i++) {
            if (results[i] == null) {
                results[i] = new PerspectiveResult(calls.get(i).perspective(), false, "cancelled: " + why);
                calls.get(i).cancel().run();
            }
        }
    }

    private void finish(boolean corroborated) {
        cancelAll("the quorum was decided before it answered");
        List<PerspectiveResult> all = new ArrayList<>(List.of(results));
        decided.tryComplete(new Decision(corroborated, all, agreed + "/" + calls.size()
                + " remote perspectives corroborated (at most " + allowedFailures + " may not), from "
                + corroboratingRegions.size() + " RIR region(s) " + corroboratingRegions + " (at least "
                + requiredRegions + ")"));
    }

    /** The perspectives that answered and disagreed, for a problem detail: who said what. */
    static String disagreements(List<PerspectiveResult> results) {
        return results.stream().filter(r -> !r.corroborates() && !r.detail().startsWith("cancelled"))
                .map(r -> r.perspective() + ": " + r.detail()).collect(java.util.stream.Collectors.joining("; "));
    }

    synchronized List<PerspectiveResult> resultsSoFar() {
        List<PerspectiveResult> out = new ArrayList<>();
        for (PerspectiveResult r : results) {
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }
}
