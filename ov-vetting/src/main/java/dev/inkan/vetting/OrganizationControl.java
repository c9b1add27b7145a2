package dev.inkan.vetting;

import dev.inkan.core.vetting.ExternalAccountKey;
import dev.inkan.core.vetting.OrganizationStatus;
import dev.inkan.core.vetting.StaffMember;
import dev.inkan.core.vetting.StaffRole;
import dev.inkan.core.vetting.VettedOrganization;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RA administrator suspends an organization (and its binding keys), which stops new OV issuance at once: the
 * RA checks the organization at newOrder and again at finalize. Reinstating lets it issue again within its reuse
 * period.
 */
public final class OrganizationControl {
    private final VettingContext ctx;

    public OrganizationControl(VettingContext ctx) {
        this.ctx = ctx;
    }

    public Future<VettedOrganization> suspend(StaffMember admin, String organizationId, String reason) {
        VettingChecks.requireRole(admin, StaffRole.RA_ADMINISTRATOR);
        if (reason == null || reason.isBlank()) {
            throw Refusal.invalid("停止理由を入力してください / give the reason");
        }
        return change(admin, organizationId, OrganizationStatus.SUSPENDED, reason, false);
    }

    public Future<VettedOrganization> reinstate(StaffMember admin, String organizationId) {
        VettingChecks.requireRole(admin, StaffRole.RA_ADMINISTRATOR);
        return change(admin, organizationId, OrganizationStatus.VETTED, null, true);
    }

    private Future<VettedOrganization> change(StaffMember admin, String id, OrganizationStatus status, String reason,
            boolean keysActive) {
        return ctx.stores().organizations().organization(id).compose(found -> {
            VettedOrganization o = found.orElseThrow(() -> new Refusal(404, "組織が見つかりません / no such organization"));
            return ctx.stores().organizations().replace(o.withStatus(status, reason), o.version());
        }).compose(saved -> {
            VettedOrganization o = saved.orElseThrow(() -> Refusal.conflict("同時に変更されました / changed meanwhile"));
            return ctx.stores().organizations().keysOf(id).compose(keys -> {
                List<Future<?>> updates = new ArrayList<>();
                for (ExternalAccountKey k : keys) {
                    updates.add(ctx.stores().organizations().updateKey(new ExternalAccountKey(k.kid(), k.macKey(),
                            k.organizationId(), keysActive, k.createdAt(), k.shown())));
                }
                return Future.all(updates);
            }).compose(v -> ctx.audit(status == OrganizationStatus.SUSPENDED ? "organization.suspended"
                    : "organization.reinstated", "staff:" + admin.id(), id,
                    reason == null ? Map.of() : Map.of("reason", reason))).map(o);
        });
    }
}
