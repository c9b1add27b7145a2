package dev.inkan.validators.perspective;

import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.PerspectiveResult;
import dev.inkan.core.model.ValidationRecord;
import dev.inkan.core.port.ValidationAuthority;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * BR 3.2.2.9 for domain validation: the primary perspective validates while every remote perspective validates
 * the same challenge; the outcome is valid only when the primary is and the remotes meet the quorum. Every
 * perspective's answer is kept in the records: the remotes' own records, one record per remote saying whether it
 * corroborated (or why it gave no answer), and the quorum.
 */
public final class CorroboratingValidationAuthority implements ValidationAuthority {
    static final String BR_SECTION = dev.inkan.validators.BrSection.of("3.2.2.9");

    private final ValidationAuthority primary;
    private final List<RemotePerspective> remotes;
    private final MpicPolicy policy;
    private final Clock clock;

    public CorroboratingValidationAuthority(ValidationAuthority primary, RemotePerspectives remotes, MpicPolicy policy,
            Clock clock) {
        this.primary = primary;
        this.remotes = remotes.all();
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Future<ValidationOutcome> validate(ValidationRequest request) {
        String misconfigured = policy.misconfiguration(clock.instant());
        if (misconfigured != null) {
            // Fail closed: without the perspectives the BR requires, no validation may count.
            return Future.succeededFuture(new ValidationOutcome(false, new Problem(ErrorKind.SERVER_INTERNAL,
                    "validation is unavailable: " + misconfigured, request.identifier(), List.of()), List.of()));
        }
        List<RemotePerspective.Call<ValidationOutcome>> calls = remotes.stream().map(r -> r.validate(request)).toList();
        Quorum<ValidationOutcome> quorum = new Quorum<>(calls, ValidationOutcome::valid,
                o -> o.valid() ? "valid" : o.error() == null ? "invalid" : o.error().kind().acmeName() + ": "
                        + o.error().detail(),
                policy.corroboratingRegions(clock.instant()));
        Future<Quorum.Decision> decision = quorum.decide();
        return primary.validate(request).onFailure(t -> quorum.cancelAll("the primary perspective failed"))
                .compose(p -> {
            if (!p.valid()) {
                quorum.cancelAll("the primary perspective failed");
                return Future.succeededFuture(combine(request, p, quorum.resultsSoFar(), calls, null));
            }
            return decision.map(d -> {
                List<ValidationRecord> records = new ArrayList<>(p.records());
                ValidationOutcome withRecords = new ValidationOutcome(d.corroborated(),
                        d.corroborated() ? null : refusal(request, d), records);
                return combine(request, withRecords, d.results(), calls, d.summary());
            });
        });
    }

    private ValidationOutcome combine(ValidationRequest request, ValidationOutcome outcome,
            List<PerspectiveResult> results, List<RemotePerspective.Call<ValidationOutcome>> calls, String summary) {
        List<ValidationRecord> records = new ArrayList<>(outcome.records());
        for (RemotePerspective.Call<ValidationOutcome> c : calls) {
            if (c.result().succeeded()) {
                records.addAll(c.result().result().records());
            }
        }
        String name = request.identifier().value();
        for (PerspectiveResult r : results) {
            records.add(new ValidationRecord(request.challengeType(), BR_SECTION, name, urlOf(r.perspective()),
                    List.of(), null, (r.corroborates() ? "corroborated: " : "not corroborated: ") + r.detail(),
                    r.perspective(), clock.instant()));
        }
        if (summary != null) {
            records.add(new ValidationRecord(request.challengeType(), BR_SECTION, name, null, List.of(), null, summary,
                    "quorum", clock.instant()));
        }
        return new ValidationOutcome(outcome.valid(), outcome.error(), records);
    }

    private Problem refusal(ValidationRequest request, Quorum.Decision d) {
        return new Problem(ErrorKind.UNAUTHORIZED, "During secondary validation from remote network perspectives: "
                + d.summary() + "; " + Quorum.disagreements(d.results()), request.identifier(), List.of());
    }

    private String urlOf(String perspective) {
        return remotes.stream().filter(r -> r.name().equals(perspective)).map(RemotePerspective::url).findFirst()
                .orElse(null);
    }
}
