package dev.inkan.ra.op;

import dev.inkan.core.model.Authorization;
import dev.inkan.ra.DomainValidationServices;
import dev.inkan.ra.policy.DomainValidationMethods;
import io.vertx.core.Future;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * The BR 3.2.2.4.4 message: Japanese first, then English, with the link to the confirmation page and the random value
 * to type there. The link opens a page with a button; following it confirms nothing, so a mail scanner that fetches
 * links cannot validate on anyone's behalf.
 */
final class ValidationEmail {
    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ValidationEmail() {}

    /** The challenge token for an emailed value: only its SHA-256 is stored, so the store never holds the value. */
    static String digest(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Future<Void> send(DomainValidationServices services, Authorization authz, String address, String value,
            Instant issued) {
        String name = (authz.wildcard() ? "*." : "") + authz.identifier().value();
        String link = services.confirmationUrl() + "/" + value;
        Instant expires = issued.plus(DomainValidationMethods.RANDOM_VALUE_LIFETIME);
        String jst = WHEN.format(expires.atZone(JST)) + " JST";
        String utc = WHEN.format(expires.atZone(ZoneId.of("UTC"))) + " UTC";
        String subject = "[" + services.caName() + "] ドメイン名の確認 / Domain validation: " + name;
        String text = "このメールは " + address + " 宛に、認証局 " + services.caName() + " からお送りしています。\n\n"
                + "次のドメイン名に対するサーバー証明書の発行申請がありました。\n"
                + "  ドメイン名: " + name + "\n"
                + "  申請番号:   " + authz.id() + "\n\n"
                + "このドメイン名の管理者として申請を承認する場合は、次のページを開き、「承認する」ボタンを押してください。\n"
                + "ページを開いただけでは承認されません。\n"
                + "  " + link + "\n\n"
                + "確認コード（ページで求められた場合に入力してください）:\n"
                + "  " + value + "\n\n"
                + "このコードは " + jst + " まで有効です（発行から10日間）。\n"
                + "心当たりがない場合は、このメールを破棄してください。証明書は発行されません。\n\n"
                + "----------------------------------------------------------------------\n\n"
                + "This message was sent to " + address + " by the certification authority " + services.caName()
                + ".\n\n"
                + "Someone asked for a server certificate for:\n"
                + "  Domain name:  " + name + "\n"
                + "  Request id:   " + authz.id() + "\n\n"
                + "If you manage this domain and approve, open the page below and press \"Approve\".\n"
                + "Opening the page alone approves nothing.\n"
                + "  " + link + "\n\n"
                + "Confirmation code (enter it if the page asks for it):\n"
                + "  " + value + "\n\n"
                + "The code works until " + utc + " (10 days after it was issued).\n"
                + "If you did not expect this message, ignore it: no certificate will be issued.\n";
        return services.mail().send(List.of(address), subject, text);
    }
}
