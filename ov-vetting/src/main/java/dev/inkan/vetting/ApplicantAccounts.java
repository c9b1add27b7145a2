package dev.inkan.vetting;

import dev.inkan.core.vetting.Applicant;
import dev.inkan.vetting.auth.Passwords;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Applicants register with an email address, prove it by a one-time link (valid 24 hours, stored only as a hash),
 * then sign in with their password.
 */
public final class ApplicantAccounts {
    /** Sends the verification link; the sandbox sends it to the SMTP sink. */
    @FunctionalInterface
    public interface Mail {
        Future<Void> send(String to, String subject, String text);
    }

    static final Duration LINK_LIFETIME = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final VettingContext ctx;
    private final Mail mail;
    private final String portalUrl;

    public ApplicantAccounts(VettingContext ctx, Mail mail, String portalUrl) {
        this.ctx = ctx;
        this.mail = mail;
        this.portalUrl = portalUrl.replaceAll("/+$", "");
    }

    public Future<Applicant> register(String email, String password) {
        String e = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (!e.matches("[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}")) {
            throw Refusal.invalid("メールアドレスが正しくありません / not an email address");
        }
        try {
            Passwords.requireStrong(password);
        } catch (IllegalArgumentException x) {
            throw Refusal.invalid(x.getMessage());
        }
        byte[] t = new byte[32];
        RANDOM.nextBytes(t);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
        return ctx.vertx().executeBlocking(() -> Passwords.hash(password), false).compose(hash -> {
            Applicant a = new Applicant(UUID.randomUUID().toString(), e, hash, false, sha256(token),
                    ctx.now().plus(LINK_LIFETIME), ctx.now());
            return ctx.stores().applicants().insert(a).recover(x -> Future.failedFuture(
                    Refusal.conflict("このメールアドレスは登録済みです / this email address is registered already"))).map(a);
        }).compose(a -> mail.send(e, "[Inkan] メールアドレスの確認 / confirm your email address",
                        "Inkan OV 審査ポータルへの登録を完了するには、次のリンクを開いてください（24時間有効、1回限り）。\n"
                                + "To finish registering with the Inkan OV vetting portal, open this link (valid 24 hours,"
                                + " once):\n\n" + portalUrl + "/verify?token=" + token + "\n")
                .compose(v -> ctx.audit("applicant.registered", "applicant:" + a.id(), a.id(), Map.of("email", e)))
                .map(a));
    }

    public Future<Applicant> verify(String token) {
        if (token == null || token.isBlank()) {
            throw Refusal.invalid("リンクが正しくありません / the link is not valid");
        }
        return ctx.stores().applicants().byVerificationToken(sha256(token)).compose(found -> {
            Applicant a = found.orElseThrow(() -> Refusal.invalid(
                    "リンクが無効か使用済みです / the link is not valid or was used already"));
            if (a.verificationExpires() == null || !ctx.now().isBefore(a.verificationExpires())) {
                throw Refusal.invalid("リンクの有効期限が切れています / the link has expired");
            }
            return ctx.stores().applicants().replace(a.verified()).map(r -> r.orElseThrow())
                    .compose(v -> ctx.audit("applicant.verified", "applicant:" + a.id(), a.id(), Map.of()).map(v));
        });
    }

    public Future<Applicant> login(String email, String password) {
        String e = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        return ctx.stores().applicants().byEmail(e).compose(found -> {
            if (found.isEmpty()) {
                throw Refusal.forbidden("メールアドレスまたはパスワードが違います / wrong email or password");
            }
            Applicant a = found.get();
            return ctx.vertx().executeBlocking(() -> Passwords.verify(password == null ? "" : password, a.passwordHash()),
                    false).map(ok -> {
                        if (!ok) {
                            throw Refusal.forbidden("メールアドレスまたはパスワードが違います / wrong email or password");
                        }
                        if (!a.emailVerified()) {
                            throw Refusal.forbidden("メールの確認リンクを先に開いてください / open the link we emailed you first");
                        }
                        return a;
                    });
        });
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
