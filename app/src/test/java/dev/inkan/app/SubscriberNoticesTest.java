package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.model.Account;
import dev.inkan.core.model.AccountStatus;
import dev.inkan.core.model.CertificateRecord;
import dev.inkan.core.model.CertificateStatus;
import dev.inkan.core.model.RevocationReason;
import dev.inkan.core.port.AccountReader;
import dev.inkan.core.time.MutableClock;
import dev.inkan.harness.mail.ReceivedMail;
import dev.inkan.harness.mail.SmtpSink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CP 002 §4.3.2 emails, sent through SMTP to the harness sink. */
class SubscriberNoticesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final Map<String, Account> accounts = Map.of(
            "with-mail", account("with-mail", List.of("mailto:ops@example.jp", "mailto:dev@example.jp")),
            "without-mail", account("without-mail", List.of()));
    private final AccountReader reader = new AccountReader() {
        @Override
        public Future<Optional<Account>> byId(String id) {
            return Future.succeededFuture(Optional.ofNullable(accounts.get(id)));
        }

        @Override
        public Future<Optional<Account>> byThumbprint(String keyThumbprint) {
            return Future.succeededFuture(Optional.empty());
        }
    };
    private Vertx vertx;
    private SmtpSink sink;
    private SmtpMailer mailer;

    private static Account account(String id, List<String> contacts) {
        return new Account(id, "{}", "tp-" + id, contacts, AccountStatus.VALID, true, null, NOW);
    }

    private static CertificateRecord certificate(String accountId, RevocationReason reason) {
        return new CertificateRecord("c0ffee", "dv", accountId, "order", reason == null ? CertificateStatus.ISSUED
                : CertificateStatus.REVOKED, null, new byte[] {1}, List.of("www.example.jp", "example.jp"), "ab",
                NOW, NOW.plus(Duration.ofDays(90)), NOW, reason == null ? null : NOW.plusSeconds(60), reason);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        sink = await(SmtpSink.start(vertx, "127.0.0.1", 0, null, clock));
        mailer = new SmtpMailer(vertx, "127.0.0.1", sink.port(), "Inkan CA <ca@inkan.invalid>", clock);
    }

    @AfterEach
    void stop() throws Exception {
        mailer.close();
        await(sink.stop());
        await(vertx.close());
    }

    @Test
    void testSuccess_anIssuanceIsMailedToEveryContact() throws Exception {
        await(new SubscriberNotices(reader, mailer, "Inkan CA").issued(certificate("with-mail", null)));

        ReceivedMail mail = sink.messages().get(0);
        assertEquals(List.of("ops@example.jp", "dev@example.jp"), mail.envelopeTo());
        assertEquals("Certificate issued for www.example.jp", mail.header("Subject"));
        assertTrue(mail.body().contains("Serial:       c0ffee"), mail.body());
        assertTrue(mail.header("From").contains("ca@inkan.invalid"));
    }

    @Test
    void testSuccess_aRevocationIsMailedWithItsReason() throws Exception {
        await(new SubscriberNotices(reader, mailer, "Inkan CA").revoked(certificate("with-mail",
                RevocationReason.KEY_COMPROMISE)));

        ReceivedMail mail = sink.messagesTo("ops@example.jp").get(0);
        assertEquals("Certificate revoked for www.example.jp", mail.header("Subject"));
        assertTrue(mail.body().contains("KEY_COMPROMISE (CRL reason code 1)"), mail.body());
    }

    @Test
    void testSuccess_anAccountWithoutMailtoGetsNothing() throws Exception {
        await(new SubscriberNotices(reader, mailer, "Inkan CA").issued(certificate("without-mail", null)));
        assertTrue(sink.messages().isEmpty());
    }

    @Test
    void testSuccess_aDeadRelayNeverFailsTheNotice() throws Exception {
        SmtpMailer dead = new SmtpMailer(vertx, "127.0.0.1", StaffCommandTest.freePort(), "ca@inkan.invalid", clock);
        try {
            await(new SubscriberNotices(reader, dead, "Inkan CA").issued(certificate("with-mail", null)));
        } finally {
            dead.close();
        }
        assertTrue(sink.messages().isEmpty());
    }
}
