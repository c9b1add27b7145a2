package dev.inkan.caa;

import dev.inkan.core.error.CaException;
import dev.inkan.core.error.ErrorKind;
import dev.inkan.core.error.Problem;
import dev.inkan.core.model.CaaResult;
import dev.inkan.core.model.Identifier;
import dev.inkan.core.port.CaaChecker;
import dev.inkan.dns.DnsResolver;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This perspective's CAA check (RFC 8659, RFC 8657, BR 3.2.2.8): look up the relevant RRset with the validation
 * resolver, evaluate it against this CA's issuer domain names, and send an iodef report when a record refuses.
 * A refusal is a {@code caa} problem naming the domain and the record; a failed lookup is a {@code dns} problem.
 */
public final class CaaService implements CaaChecker {
    private static final Logger LOG = LoggerFactory.getLogger(CaaService.class);

    private final CaaLookup lookup;
    private final CaaEvaluator evaluator;
    private final CaaConfig config;
    private final IodefReporter iodef;
    private final Clock clock;

    public CaaService(DnsResolver resolver, CaaConfig config, IodefReporter iodef, Clock clock) {
        this.lookup = new CaaLookup(resolver);
        this.evaluator = new CaaEvaluator(config.issuerDomainNames());
        this.config = config;
        this.iodef = iodef;
        this.clock = clock;
    }

    public CaaConfig config() {
        return config;
    }

    @Override
    public Future<CaaResult> check(CaaRequest request) {
        if (request.name() == null || request.name().isBlank() || request.accountUri() == null
                || request.validationMethod() == null) {
            // Without the account and the method RFC 8657 cannot be applied; refusing is the only safe answer.
            return Future.succeededFuture(refused(request, Problem.of(ErrorKind.SERVER_INTERNAL,
                    "CAA check asked without a name, an account URL or a validation method")));
        }
        String name = request.name().trim().toLowerCase(Locale.ROOT);
        return lookup.relevant(name).transform(ar -> {
            if (ar.failed()) {
                Problem p = CaException.problemOf(ar.cause());
                return Future.succeededFuture(refused(request, withIdentifier(p, request)));
            }
            return decide(request, name, ar.result());
        }).recover(t -> {
            LOG.error("CAA check of {} failed unexpectedly", request.name(), t);
            return Future.succeededFuture(refused(request,
                    Problem.of(ErrorKind.SERVER_INTERNAL, "the CAA check could not be completed")));
        });
    }

    private Future<CaaResult> decide(CaaRequest request, String name, RelevantRrset rrset) {
        CaaEvaluator.Decision d = evaluator.evaluate(rrset.properties(), request.wildcard(), request.accountUri(),
                request.validationMethod());
        if (d.permitted()) {
            return Future.succeededFuture(result(request, name, true, null, rrset));
        }
        String asked = (request.wildcard() ? "*." : "") + name;
        Problem p = new Problem(ErrorKind.CAA, "CAA record for " + rrset.relevantName() + " prevents issuance for "
                + asked + ": " + d.why(), Identifier.dns(asked), List.of());
        CaaResult refused = result(request, name, false, p, rrset);
        List<String> targets = rrset.properties().stream()
                .filter(pr -> pr.tagLower().equals(CaaProperty.IODEF)).map(CaaProperty::value).toList();
        if (targets.isEmpty()) {
            return Future.succeededFuture(refused);
        }
        IodefReport report = new IodefReport(asked, rrset.relevantName(),
                d.deciding().stream().map(CaaProperty::toString).toList(), targets, refused.checkedAt());
        return iodef.report(report).recover(t -> Future.succeededFuture()).map(v -> refused);
    }

    private CaaResult result(CaaRequest request, String name, boolean permitted, Problem problem, RelevantRrset rrset) {
        return new CaaResult(name, request.wildcard(), permitted, problem, rrset.relevantName(),
                rrset.properties().stream().map(CaaProperty::toString).toList(), rrset.queried(), rrset.ttl(),
                rrset.dnssec(), config.perspective(), clock.instant());
    }

    private CaaResult refused(CaaRequest request, Problem problem) {
        String name = request.name() == null ? "" : request.name();
        return new CaaResult(name, request.wildcard(), false, problem, null, List.of(), List.of(), Duration.ZERO,
                null, config.perspective(), clock.instant());
    }

    private static Problem withIdentifier(Problem p, CaaRequest request) {
        Identifier id = Identifier.dns((request.wildcard() ? "*." : "") + request.name());
        return new Problem(p.kind(), p.detail(), id, p.subproblems());
    }
}
