package dev.inkan.vetting;

import dev.inkan.core.port.RegistrantLookup;
import dev.inkan.core.vetting.Application;
import dev.inkan.core.vetting.CaseEvent;
import dev.inkan.core.vetting.CaseStatus;
import dev.inkan.core.vetting.CheckType;
import dev.inkan.core.vetting.StaffMember;
import dev.inkan.core.vetting.StaffRole;
import dev.inkan.core.vetting.VettingCase;
import dev.inkan.core.vetting.VettingCheck;
import dev.inkan.vetting.registry.CorporateRegistry;
import dev.inkan.vetting.registry.RegistryRecord;
import io.vertx.core.Future;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The vetting officer's work on a case: the registry and country checks against the corporate-number registry,
 * the call-back, the applicant's authority and the domain registrants, each recorded with who, when, the source and
 * the evidence; and returning an application for resubmission.
 */
public final class VettingChecks {
    /** Sources an officer may take the call-back number from: never the applicant (BR 3.2.2.1, CP 002 §3.2.5). */
    public static final List<String> TELEPHONE_SOURCES = List.of("NTT番号案内 / NTT directory assistance",
            "iタウンページ / i Town Page", "登記事項証明書 / certificate of registered matters",
            "信用調査会社データベース / credit bureau database (TSR, TDB)");

    private final VettingContext ctx;
    private final CorporateRegistry registry;
    private final RegistrantLookup registrants;

    public VettingChecks(VettingContext ctx, CorporateRegistry registry, RegistrantLookup registrants) {
        this.ctx = ctx;
        this.registry = registry;
        this.registrants = registrants;
    }

    static void requireRole(StaffMember staff, StaffRole role) {
        if (!staff.has(role)) {
            throw Refusal.forbidden("この操作には「" + role.name() + "」の役割が必要です / this needs the " + role.name()
                    + " role");
        }
    }

    /**
     * Queries the registry for the application's corporate number and records two checks from the one answer:
     * REGISTRY (exists, name and address match) and COUNTRY (a domestic head office, C=JP).
     */
    public Future<VettingCase> registry(StaffMember officer, String caseId) {
        requireRole(officer, StaffRole.VETTING_OFFICER);
        return open(caseId).compose(c -> registry.byNumber(c.application().corporateNumber()).compose(found -> {
            Application a = c.application();
            VettingCheck registryCheck;
            VettingCheck countryCheck;
            if (found.isEmpty()) {
                String none = "法人番号 " + a.corporateNumber() + " は登録されていません / not in the registry";
                registryCheck = check(c, CheckType.REGISTRY, false, officer, registry.source(), none, "");
                countryCheck = check(c, CheckType.COUNTRY, false, officer, registry.source(), none, "");
            } else {
                RegistryRecord r = found.get();
                List<String> mismatches = mismatches(a, r);
                registryCheck = check(c, CheckType.REGISTRY, mismatches.isEmpty(), officer, registry.source(),
                        r.rawResponse(), mismatches.isEmpty() ? "一致 / all fields match" : String.join("; ", mismatches));
                countryCheck = check(c, CheckType.COUNTRY, r.domestic(), officer, registry.source(),
                        "prefectureCode=" + r.prefectureCode() + " kind=" + r.kind() + " addressOutside="
                                + r.addressOutside(),
                        r.domestic() ? "国内本店 / head office in Japan: C=JP" : "国外 / not in Japan");
            }
            return record(c, registryCheck).compose(c2 -> record(c2, countryCheck));
        }));
    }

    /** What differs between the application and the registry record; empty when they match. */
    static List<String> mismatches(Application a, RegistryRecord r) {
        List<String> out = new ArrayList<>();
        if (!r.exists()) {
            out.add("閉鎖または最新でない登記 / closed or not the latest record (closeDate=" + r.closeDate() + ", process="
                    + r.process() + ")");
        }
        if (!same(a.legalNameJa(), r.name())) {
            out.add("商号 / name: " + a.legalNameJa() + " ≠ " + r.name());
        }
        if (!r.enName().isEmpty() && !latin(a.legalNameEn()).equals(latin(r.enName()))) {
            out.add("英語表記 / English name: " + a.legalNameEn() + " ≠ " + r.enName());
        }
        if (!same(a.prefecture(), r.prefectureName())) {
            out.add("都道府県 / prefecture: " + a.prefecture() + " ≠ " + r.prefectureName());
        }
        if (!same(a.city(), r.cityName())) {
            out.add("市区町村 / city: " + a.city() + " ≠ " + r.cityName());
        }
        if (!same(a.street(), r.streetNumber())) {
            out.add("番地 / street: " + a.street() + " ≠ " + r.streetNumber());
        }
        if (!r.enCityName().isEmpty() && !latin(r.enCityName()).contains(latin(a.localityEn()))) {
            out.add("市区町村（英字） / Latin city: " + a.localityEn() + " not in " + r.enCityName());
        }
        return out;
    }

    private static boolean same(String a, String b) {
        return norm(a).equals(norm(b));
    }

    private static String norm(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("\\s", "");
    }

    private static String latin(String s) {
        return norm(s).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /**
     * Records the call-back: the number dialled must come from a listed reliable source and must not simply be the
     * number the applicant gave unless that source confirms it.
     */
    public Future<VettingCase> telephone(StaffMember officer, String caseId, String source, String numberDialled,
            String answeredBy, boolean confirmed, String note) {
        requireRole(officer, StaffRole.VETTING_OFFICER);
        if (!TELEPHONE_SOURCES.contains(source)) {
            throw Refusal.invalid("電話番号の出典を一覧から選んでください（申請者の申告は不可） / choose where the number came from;"
                    + " the applicant is not a source");
        }
        if (numberDialled == null || !numberDialled.replaceAll("[^0-9]", "").matches("[0-9]{10,11}")) {
            throw Refusal.invalid("発信した電話番号を入力してください / give the number dialled (10 or 11 digits)");
        }
        if (answeredBy == null || answeredBy.isBlank()) {
            throw Refusal.invalid("応対者を入力してください / say who answered");
        }
        return open(caseId).compose(c -> record(c, check(c, CheckType.TELEPHONE, confirmed, officer, source,
                "dialled " + numberDialled + "; answered by " + answeredBy, note)));
    }

    /** CP 002 §3.2.5: the contact reached by the call-back confirms the applicant may apply for the organization. */
    public Future<VettingCase> authority(StaffMember officer, String caseId, String confirmedBy, boolean confirmed,
            String note) {
        requireRole(officer, StaffRole.VETTING_OFFICER);
        if (confirmedBy == null || confirmedBy.isBlank()) {
            throw Refusal.invalid("確認した相手の氏名と役職を入力してください / give the name and title of who confirmed");
        }
        return open(caseId).compose(c -> {
            if (c.check(CheckType.TELEPHONE).map(t -> !t.passed()).orElse(true)) {
                throw Refusal.conflict("権限確認は電話確認（信頼できる出典の番号）の後に行います / confirm authority through the"
                        + " call-back first");
            }
            return record(c, check(c, CheckType.AUTHORITY, confirmed, officer,
                    "call-back " + c.check(CheckType.TELEPHONE).get().evidence(),
                    "applicant " + c.application().applicantName() + " (" + c.application().applicantTitle()
                            + ") confirmed by " + confirmedBy, note));
        });
    }

    /**
     * The domain names' registrants, looked up where their registries publish them (RDAP through IANA's bootstrap,
     * else WHOIS) and compared with the organization's Japanese and Latin names (CP 002 §3.2.2.1, OV supporting
     * evidence). The check passes only if every name's registrant is the organization; the source and the
     * registrant part of each answer are the evidence. A name nobody answers for fails the check, saying why.
     */
    public Future<VettingCase> domains(StaffMember officer, String caseId, String note) {
        requireRole(officer, StaffRole.VETTING_OFFICER);
        return open(caseId).compose(c -> {
            Application a = c.application();
            List<Future<String[]>> answers = new ArrayList<>();
            for (String domain : a.domainNames()) {
                answers.add(registrant(domain, a));
            }
            return Future.join(answers).transform(x -> {
                boolean consistent = !answers.isEmpty();
                List<String> sources = new ArrayList<>();
                List<String> summary = new ArrayList<>();
                StringBuilder evidence = new StringBuilder();
                for (Future<String[]> f : answers) {
                    String[] r = f.result();
                    consistent &= "pass".equals(r[0]);
                    if (!sources.contains(r[1])) {
                        sources.add(r[1]);
                    }
                    summary.add(r[2]);
                    evidence.append(r[2]).append('\n').append(r[3]).append("\n\n");
                }
                if (note != null && !note.isBlank()) {
                    summary.add(note.strip());
                }
                return record(c, check(c, CheckType.DOMAINS, consistent, officer, String.join("; ", sources),
                        evidence.toString().strip(), String.join("; ", summary)));
            });
        });
    }

    /** One domain: pass or fail, the source asked, what matched or not, and the answer (never fails). */
    private Future<String[]> registrant(String domain, Application a) {
        return registrants.compare(domain, a.legalNameJa())
                .compose(ja -> ja.consistent() || a.legalNameEn().isBlank() ? Future.succeededFuture(ja)
                        : registrants.compare(domain, a.legalNameEn()).map(en -> en.consistent() ? en : ja))
                .map(cmp -> {
                    var r = cmp.registrant();
                    return new String[] {cmp.consistent() ? "pass" : "fail", r.protocol() + " " + r.source(),
                            domain + ": " + cmp.detail(), "(" + r.protocol() + " " + r.source() + ", answered "
                                    + r.fetchedAt() + ")\n" + (r.excerpt() == null ? "" : r.excerpt().strip())};
                })
                .recover(e -> Future.succeededFuture(new String[] {"fail", "RDAP/WHOIS", domain + ": no registrant: "
                        + (e instanceof dev.inkan.core.error.CaException ce ? ce.detail() : String.valueOf(e)), ""}));
    }

    /** Seed 003: the officer returns the application with what to fix; the applicant resubmits. */
    public Future<VettingCase> returnForResubmission(StaffMember officer, String caseId, String reason) {
        requireRole(officer, StaffRole.VETTING_OFFICER);
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("差戻し理由を入力してください / say what the applicant must fix");
        }
        return open(caseId).compose(c -> {
            VettingCase next = c.decided(CaseStatus.RETURNED, reason, null,
                    new CaseEvent(ctx.now(), officer.id(), "returned", reason));
            return replaced(c, next);
        }).compose(c -> ctx.audit("vetting.returned", "staff:" + officer.id(), caseId, Map.of("reason", reason)).map(c));
    }

    private VettingCheck check(VettingCase c, CheckType type, boolean passed, StaffMember officer, String source,
            String evidence, String note) {
        return new VettingCheck(type, passed, officer.id(), ctx.now(), source, evidence, note, c.round());
    }

    private Future<VettingCase> open(String caseId) {
        return ctx.stores().cases().byId(caseId).map(found -> {
            VettingCase c = found.orElseThrow(() -> new Refusal(404, "申請が見つかりません / no such application"));
            if (c.status() != CaseStatus.SUBMITTED) {
                throw Refusal.conflict("この申請は審査中ではありません / this application is not open for vetting ("
                        + c.status() + ")");
            }
            return c;
        });
    }

    private Future<VettingCase> record(VettingCase c, VettingCheck check) {
        VettingCase next = c.withCheck(check, new CaseEvent(check.at(), check.officer(),
                "check " + check.type() + (check.passed() ? " passed" : " failed"), check.note()));
        return replaced(c, next).compose(saved -> ctx.audit("vetting.check.recorded", "staff:" + check.officer(),
                c.id(), Map.of("check", check.type().name(), "passed", String.valueOf(check.passed()),
                        "source", check.source(), "round", String.valueOf(check.round()))).map(saved));
    }

    private Future<VettingCase> replaced(VettingCase before, VettingCase after) {
        return ctx.stores().cases().replace(after, before.version()).map(r -> r.orElseThrow(() ->
                Refusal.conflict("申請が同時に変更されました。再読み込みしてください / the application changed meanwhile; reload")));
    }
}
