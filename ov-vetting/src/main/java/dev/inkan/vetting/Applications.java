package dev.inkan.vetting;

import dev.inkan.core.vetting.Application;
import dev.inkan.core.vetting.CaseEvent;
import dev.inkan.core.vetting.CaseStatus;
import dev.inkan.core.vetting.ExternalAccountKey;
import dev.inkan.core.vetting.VettingCase;
import io.vertx.core.Future;
import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The applicant's side: submit an application, resubmit a returned one, see the cases and the binding key. */
public final class Applications {
    private final VettingContext ctx;

    public Applications(VettingContext ctx) {
        this.ctx = ctx;
    }

    /** Checks what the applicant typed; the refusal names the field to fix. */
    public static Application checked(Application a) {
        require(a.legalNameJa(), "legalNameJa", 100);
        require(a.legalNameEn(), "legalNameEn", 64);
        if (!a.legalNameEn().matches("[A-Za-z0-9 .,&'()\\-]+")) {
            throw Refusal.invalidField("legalNameEn", "英数字で入力してください / use Latin letters");
        }
        String number;
        try {
            number = CorporateNumber.parse(a.corporateNumber());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidField("corporateNumber", e.getMessage());
        }
        if (!Prefectures.ENGLISH.containsKey(a.prefecture())) {
            throw Refusal.invalidField("prefecture", "都道府県を選んでください / choose the prefecture");
        }
        require(a.city(), "city", 100);
        require(a.street(), "street", 200);
        require(a.localityEn(), "localityEn", 128);
        if (!a.localityEn().matches("[A-Za-z0-9 .,'\\-]+")) {
            throw Refusal.invalidField("localityEn", "英字で入力してください / use Latin letters");
        }
        require(a.telephone(), "telephone", 30);
        require(a.applicantName(), "applicantName", 100);
        require(a.applicantTitle(), "applicantTitle", 100);
        require(a.applicantEmail(), "applicantEmail", 200);
        if (a.domainNames().isEmpty()) {
            throw Refusal.invalidField("domains", "ドメイン名を1つ以上入力してください / give at least one domain name");
        }
        List<String> domains = new ArrayList<>();
        for (String d : a.domainNames()) {
            domains.add(domain(d));
        }
        if (a.evidence().isEmpty()) {
            throw Refusal.invalidField("evidence", "申請権限を示す書類を添付してください / attach the document showing your"
                    + " authority");
        }
        return new Application(a.legalNameJa().trim(), a.legalNameEn().trim(), number, a.prefecture(), a.city().trim(),
                a.street().trim(), a.localityEn().trim(), a.telephone().trim(), a.applicantName().trim(),
                a.applicantTitle().trim(), a.applicantEmail().trim(), a.applicantPhone() == null ? "" : a.applicantPhone().trim(),
                domains, a.evidence());
    }

    private static String domain(String raw) {
        String d;
        try {
            d = IDN.toASCII(raw.trim(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalidField("domains", "ドメイン名が正しくありません: " + raw + " / not a domain name: " + raw);
        }
        if (!d.matches("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]")) {
            throw Refusal.invalidField("domains", "ドメイン名が正しくありません: " + raw + " / not a domain name: " + raw);
        }
        return d;
    }

    /** @param field the form's input name, beside which the page shows the message */
    private static void require(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalidField(field, "入力してください / required");
        }
        if (value.length() > max) {
            throw Refusal.invalidField(field, max + "文字までです / at most " + max + " characters");
        }
    }

    public Future<VettingCase> submit(String applicantId, Application application) {
        Application a = checked(application);
        String id = UUID.randomUUID().toString();
        CaseEvent event = new CaseEvent(ctx.now(), applicantId, "submitted", a.legalNameJa());
        VettingCase c = new VettingCase(id, applicantId, CaseStatus.SUBMITTED, 1, a, List.of(), List.of(event), null,
                null, ctx.now(), ctx.now(), 1);
        return ctx.stores().cases().insert(c)
                .compose(v -> ctx.audit("vetting.submitted", "applicant:" + applicantId, id, Map.of(
                        "corporateNumber", a.corporateNumber(), "domains", String.join(",", a.domainNames()))))
                .map(c);
    }

    /** Seed 003: a returned application comes back corrected and every check is made again. */
    public Future<VettingCase> resubmit(String applicantId, String caseId, Application corrected) {
        Application a = checked(corrected);
        return own(applicantId, caseId).compose(c -> {
            if (c.status() != CaseStatus.RETURNED) {
                throw Refusal.conflict("この申請は再提出できる状態ではありません / this application was not returned for"
                        + " resubmission");
            }
            VettingCase next = c.resubmitted(a, new CaseEvent(ctx.now(), applicantId, "resubmitted",
                    "round " + (c.round() + 1)));
            return replaced(c, next);
        }).compose(c -> ctx.audit("vetting.resubmitted", "applicant:" + applicantId, caseId,
                Map.of("round", String.valueOf(c.round()))).map(c));
    }

    public Future<List<VettingCase>> casesOf(String applicantId) {
        return ctx.stores().cases().byApplicant(applicantId);
    }

    /** The applicant's own case; another's is not found, as if it did not exist. */
    public Future<VettingCase> own(String applicantId, String caseId) {
        return ctx.stores().cases().byId(caseId).map(found -> found
                .filter(c -> c.applicantId().equals(applicantId))
                .orElseThrow(() -> new Refusal(404, "申請が見つかりません / no such application")));
    }

    /**
     * The External Account Binding key of an approved case, with its MAC key the first time only (RFC 8555 §7.3.4:
     * the MAC key is a secret the applicant copies once; it is never shown again).
     */
    public Future<Optional<ExternalAccountKey>> bindingKey(String applicantId, String caseId) {
        return own(applicantId, caseId).compose(c -> c.organizationId() == null
                ? Future.succeededFuture(Optional.<ExternalAccountKey>empty())
                : ctx.stores().organizations().keysOf(c.organizationId()).compose(keys -> {
                    Optional<ExternalAccountKey> key = keys.stream().findFirst();
                    if (key.isEmpty() || key.get().shown()) {
                        return Future.succeededFuture(key.map(k -> new ExternalAccountKey(k.kid(), "", k.organizationId(),
                                k.active(), k.createdAt(), true)));
                    }
                    ExternalAccountKey k = key.get();
                    return ctx.stores().organizations().updateKey(new ExternalAccountKey(k.kid(), k.macKey(),
                                    k.organizationId(), k.active(), k.createdAt(), true))
                            .compose(v -> ctx.audit("eab.shown", "applicant:" + applicantId, k.kid(), Map.of()))
                            .map(v -> key);
                }));
    }

    private Future<VettingCase> replaced(VettingCase before, VettingCase after) {
        return ctx.stores().cases().replace(after, before.version()).map(r -> r.orElseThrow(() ->
                Refusal.conflict("申請が同時に変更されました。再読み込みしてください / the application changed meanwhile; reload")));
    }
}
