package dev.inkan.vetting;

import dev.inkan.core.vetting.StaffMember;
import dev.inkan.core.vetting.StaffRole;
import dev.inkan.vetting.auth.Passwords;
import dev.inkan.vetting.auth.Totp;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Staff sign-in: an Argon2id password, then a TOTP code (RFC 6238), enrolled by QR code at the first sign-in. A
 * code is accepted once. Hashing runs on a worker thread.
 */
public final class StaffAccounts {
    private static final String BAD_LOGIN = "ログインIDまたはパスワードが違います / wrong login or password";
    private final VettingContext ctx;

    public StaffAccounts(VettingContext ctx) {
        this.ctx = ctx;
    }

    /** The issuer an authenticator app shows beside the code. */
    public static final String TOTP_ISSUER = "Inkan OV vetting";

    /** A staff member made with the second factor's secret already chosen, and its {@code otpauth://} URI, shown once. */
    public record Enrolled(StaffMember member, String otpauthUri) {}

    /** The RA administrator creates a staff member; the TOTP factor is enrolled at the first sign-in. */
    public Future<StaffMember> create(String actor, String id, String displayName, List<StaffRole> roles, String password) {
        return create(actor, id, displayName, roles, password, null);
    }

    /**
     * A staff member made by the operator outside the console (the first RA administrator has nobody to create
     * them): the TOTP secret is made now, and its URI returned for the authenticator app, once. The first sign-in
     * asks for a code of it.
     */
    public Future<Enrolled> createEnrolled(String actor, String id, String displayName, List<StaffRole> roles,
            String password) {
        String secret = Totp.newSecret();
        return create(actor, id, displayName, roles, password, secret)
                .map(m -> new Enrolled(m, Totp.uri(TOTP_ISSUER, id, secret)));
    }

    private Future<StaffMember> create(String actor, String id, String displayName, List<StaffRole> roles,
            String password, String totpSecret) {
        if (id == null || !id.matches("[a-z][a-z0-9._-]{2,31}")) {
            throw Refusal.invalid("ログインIDは英小文字で始まる3〜32文字です / a login is 3 to 32 lower-case characters");
        }
        if (roles.isEmpty()) {
            throw Refusal.invalid("役割を1つ以上選んでください / choose at least one role");
        }
        try {
            Passwords.requireStrong(password, id);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(e.getMessage());
        }
        return ctx.vertx().executeBlocking(() -> Passwords.hash(password), false)
                .compose(hash -> {
                    StaffMember m = new StaffMember(id, displayName == null || displayName.isBlank() ? id : displayName,
                            roles, hash, totpSecret, 0, true, ctx.now());
                    return ctx.stores().staff().insert(m).map(m);
                })
                .compose(m -> ctx.audit("staff.created", actor, id, Map.of("roles", roles.toString(),
                        "totp", totpSecret == null ? "at first sign-in" : "made with the account")).map(m));
    }

    /** The first factor. */
    public Future<StaffMember> password(String id, String password) {
        return ctx.stores().staff().byId(id == null ? "" : id).compose(found -> {
            if (found.isEmpty() || !found.get().active()) {
                // the same work as a real check, so timing does not tell which logins exist
                return ctx.vertx().executeBlocking(() -> Passwords.verify(password == null ? "" : password, Dummy.HASH),
                                false)
                        .map(x -> { throw Refusal.forbidden(BAD_LOGIN); });
            }
            StaffMember m = found.get();
            return ctx.vertx().executeBlocking(() -> Passwords.verify(password == null ? "" : password, m.passwordHash()), false)
                    .map(ok -> {
                        if (!ok) {
                            throw Refusal.forbidden(BAD_LOGIN);
                        }
                        return m;
                    });
        });
    }

    /** Made on first use, on a worker thread: Argon2 never runs on an event loop. */
    private static final class Dummy {
        static final String HASH = Passwords.hash("timing-equaliser-password");
    }

    /** The second factor: a code of the enrolled secret, at a step not used before. */
    public Future<StaffMember> totp(String id, String code) {
        return ctx.stores().staff().byId(id).compose(found -> {
            StaffMember m = found.orElseThrow(() -> Refusal.forbidden(BAD_LOGIN));
            if (m.totpSecret() == null) {
                throw Refusal.forbidden("二要素認証が未登録です / the second factor is not enrolled");
            }
            return accept(m, m.totpSecret(), code);
        });
    }

    /** Confirms enrolment: the first code of the new secret proves the authenticator has it. */
    public Future<StaffMember> enrol(String id, String secret, String code) {
        return ctx.stores().staff().byId(id).compose(found -> {
            StaffMember m = found.orElseThrow(() -> Refusal.forbidden(BAD_LOGIN));
            if (m.totpSecret() != null) {
                throw Refusal.conflict("二要素認証は登録済みです / the second factor is enrolled already");
            }
            OptionalLong step = Totp.matchingStep(secret, code, ctx.now());
            if (step.isEmpty()) {
                throw Refusal.forbidden("確認コードが違います / wrong code");
            }
            return ctx.stores().staff().replace(m.withTotp(secret, step.getAsLong()))
                    .map(r -> r.orElseThrow(() -> Refusal.conflict("retry")))
                    .compose(saved -> ctx.audit("staff.totp.enrolled", "staff:" + id, id, Map.of()).map(saved));
        });
    }

    /** Approval asks again for both factors (re-authentication for the decision that issues keys). */
    public Future<StaffMember> reauthenticate(String id, String password, String code) {
        return password(id, password).compose(m -> totp(id, code));
    }

    private Future<StaffMember> accept(StaffMember m, String secret, String code) {
        OptionalLong step = Totp.matchingStep(secret, code, ctx.now());
        if (step.isEmpty()) {
            return ctx.audit("staff.totp.failed", "staff:" + m.id(), m.id(), Map.of())
                    .map(x -> { throw Refusal.forbidden("確認コードが違います / wrong code"); });
        }
        return ctx.stores().staff().acceptTotpStep(m.id(), step.getAsLong()).map(r -> r.orElseThrow(() ->
                Refusal.forbidden("この確認コードは使用済みです。次のコードを待ってください / this code was used already; wait"
                        + " for the next one")));
    }
}
