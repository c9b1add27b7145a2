package dev.inkan.vetting;

import dev.inkan.core.vetting.CaseEvent;
import dev.inkan.core.vetting.CaseStatus;
import dev.inkan.core.vetting.ExternalAccountKey;
import dev.inkan.core.vetting.OrganizationStatus;
import dev.inkan.core.vetting.OrganizationSubject;
import dev.inkan.core.vetting.StaffMember;
import dev.inkan.core.vetting.StaffRole;
import dev.inkan.core.vetting.VettedOrganization;
import dev.inkan.core.vetting.VettingCase;
import dev.inkan.core.vetting.VettingCheck;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * The approver's decisions. Two-person rule: whoever recorded a check of the current round may not approve it.
 * Approval needs the password and a fresh TOTP code again (re-authentication), creates the vetted organization and
 * its External Account Binding key.
 */
public final class Decisions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final VettingContext ctx;
    private final StaffAccounts staff;

    public Decisions(VettingContext ctx, StaffAccounts staff) {
        this.ctx = ctx;
        this.staff = staff;
    }

    public Future<VettingCase> approve(StaffMember approver, String caseId, String password, String totpCode) {
        VettingChecks.requireRole(approver, StaffRole.APPROVER);
        return open(caseId).compose(c -> {
            requireSecondPerson(approver, c);
            if (!c.allChecksPassed()) {
                throw Refusal.conflict("すべての確認項目が完了していません / not every check has passed");
            }
            return staff.reauthenticate(approver.id(), password, totpCode).compose(me -> approved(me, c));
        });
    }

    static void requireSecondPerson(StaffMember approver, VettingCase c) {
        boolean checked = c.checks().stream().filter(x -> x.round() == c.round())
                .anyMatch(x -> x.officer().equals(approver.id()));
        if (checked) {
            throw Refusal.forbidden("二者確認: 審査を行った担当者は承認できません / two-person rule: whoever checked this"
                    + " application may not approve it");
        }
    }

    private Future<VettingCase> approved(StaffMember approver, VettingCase c) {
        Instant now = ctx.now();
        // BR 4.2.1: the reuse period counts from the oldest check the approval relies on
        Instant vettedAt = c.checks().stream().filter(x -> x.round() == c.round()).map(VettingCheck::at)
                .min(Instant::compareTo).orElse(now);
        var a = c.application();
        VettedOrganization org = new VettedOrganization(UUID.randomUUID().toString(), c.id(), a.legalNameJa(),
                a.legalNameEn(), a.corporateNumber(), new OrganizationSubject("JP", Prefectures.ENGLISH.get(a.prefecture()),
                a.localityEn(), a.legalNameEn()), a.domainNames(), vettedAt, now, approver.id(),
                OrganizationStatus.VETTED, null, 1);
        ExternalAccountKey key = new ExternalAccountKey("kid-" + random(12), random(32), org.id(), true, now, false);
        VettingCase next = c.decided(CaseStatus.APPROVED, null, org.id(),
                new CaseEvent(now, approver.id(), "approved", org.subject().toString()));
        return ctx.stores().organizations().insert(org)
                .compose(v -> ctx.stores().organizations().insertKey(key))
                .compose(v -> ctx.stores().cases().replace(next, c.version()))
                .compose(saved -> {
                    if (saved.isEmpty()) {
                        // another decision won; the organization made here must never be usable
                        return ctx.stores().organizations().replace(org.withStatus(OrganizationStatus.SUSPENDED,
                                        "approval superseded"), org.version())
                                .compose(x -> ctx.stores().organizations().updateKey(new ExternalAccountKey(key.kid(),
                                        key.macKey(), key.organizationId(), false, key.createdAt(), true)))
                                .map(x -> {
                                    throw Refusal.conflict("申請が同時に変更されました / the application changed meanwhile");
                                });
                    }
                    return ctx.audit("vetting.approved", "staff:" + approver.id(), c.id(), Map.of(
                                    "organizationId", org.id(), "subject", org.subject().toString()))
                            .compose(v -> ctx.audit("organization.created", "staff:" + approver.id(), org.id(), Map.of(
                                    "corporateNumber", org.corporateNumber(), "vettedAt", vettedAt.toString(),
                                    "domains", String.join(",", org.domainNames()))))
                            .compose(v -> ctx.audit("eab.issued", "staff:" + approver.id(), key.kid(),
                                    Map.of("organizationId", org.id())))
                            .map(saved.get());
                });
    }

    public Future<VettingCase> reject(StaffMember approver, String caseId, String reason) {
        VettingChecks.requireRole(approver, StaffRole.APPROVER);
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("却下理由を入力してください / give the reason for rejection");
        }
        return open(caseId).compose(c -> {
            requireSecondPerson(approver, c);
            VettingCase next = c.decided(CaseStatus.REJECTED, reason, null,
                    new CaseEvent(ctx.now(), approver.id(), "rejected", reason));
            return ctx.stores().cases().replace(next, c.version()).map(r -> r.orElseThrow(() ->
                    Refusal.conflict("申請が同時に変更されました / the application changed meanwhile")));
        }).compose(c -> ctx.audit("vetting.rejected", "staff:" + approver.id(), caseId, Map.of("reason", reason)).map(c));
    }

    private Future<VettingCase> open(String caseId) {
        return ctx.stores().cases().byId(caseId).map(found -> {
            VettingCase c = found.orElseThrow(() -> new Refusal(404, "申請が見つかりません / no such application"));
            if (c.status() != CaseStatus.SUBMITTED) {
                throw Refusal.conflict("この申請は判断できる状態ではありません / this application is " + c.status());
            }
            return c;
        });
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
