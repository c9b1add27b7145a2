package dev.inkan.validators.perspective;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.CaaResult;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.model.PerspectiveResult;
import dev.inkan.core.port.CaaChecker;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * BR 3.2.2.9 for CAA: the primary's result stands only when the remote perspectives' results also mean "permission
 * to issue" in the quorum's number (the responses need not be identical). Each remote's answer is kept on the
 * result ({@link CaaResult#remotes()}), followed by the quorum.
 */
public final class CorroboratingCaaChecker implements CaaChecker {
    private final CaaChecker primary;
    private final List<RemotePerspective> remotes;
    private final MpicPolicy policy;
    private final Clock clock;

    public CorroboratingCaaChecker(CaaChecker primary, RemotePerspectives remotes, MpicPolicy policy, Clock clock) {
        this.primary = primary;
        this.remotes = remotes.all();
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Future<CaaResult> check(CaaRequest request) {
        String misconfigured = policy.misconfiguration(clock.instant());
        Identifier asked = Identifier.dns((request.wildcard() ? "*." : "") + request.name());
        if (misconfigured != null) {
            return Future.succeededFuture(new CaaResult(request.name(), request.wildcard(), false,
                    new Problem(ErrorKind.SERVER_INTERNAL, "CAA checking is unavailable: " + misconfigured, asked,
                            List.of()), null, List.of(), List.of(), null, null, "primary", clock.instant()));
        }
        List<RemotePerspective.Call<CaaResult>> calls = remotes.stream().map(r -> r.caa(request)).toList();
        Quorum<CaaResult> quorum = new Quorum<>(calls, CaaResult::permitted,
                r -> r.permitted() ? "permitted" + (r.relevantName() == null ? "" : " by " + r.relevantName())
                        : r.problem().kind().acmeName() + ": " + r.problem().detail(),
                policy.corroboratingRegions(clock.instant()));
        Future<Quorum.Decision> decision = quorum.decide();
        return primary.check(request).onFailure(t -> quorum.cancelAll("the primary perspective failed"))
                .compose(p -> {
            if (!p.permitted()) {
                quorum.cancelAll("the primary perspective refused");
                return Future.succeededFuture(p.corroborated(false, p.problem(), quorum.resultsSoFar()));
            }
            return decision.map(d -> {
                List<PerspectiveResult> results = new ArrayList<>(d.results());
                results.add(new PerspectiveResult("quorum", d.corroborated(), d.summary()));
                Problem refusal = d.corroborated() ? null : new Problem(ErrorKind.CAA,
                        "During secondary CAA checking from remote network perspectives: " + d.summary() + "; "
                                + Quorum.disagreements(d.results()),
                        asked, List.of());
                return p.corroborated(d.corroborated(), refusal, results);
            });
        });
    }
}
