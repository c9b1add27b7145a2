package dev.inkan.caa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.inkan.core.model.AuditEvent;
import dev.inkan.core.port.AuditLog;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IodefReportTest {
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
    private final List<AuditEvent> audit = new ArrayList<>();
    private final AuditLog log = e -> {
        audit.add(e);
        return Future.succeededFuture();
    };
    private final List<List<String>> sentTo = new ArrayList<>();
    private final List<String> subjects = new ArrayList<>();

    private static IodefReport report(String... targets) {
        return new IodefReport("www.example.com", "example.com", List.of("0 issue \"other.example\""),
                List.of(targets), T0);
    }

    private void send(IodefReporter reporter, IodefReport report) throws Exception {
        reporter.report(report).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void testMail_mailtoTargetsAreSentThroughTheRelayAndRecorded() throws Exception {
        IodefMail relay = (to, subject, text) -> {
            sentTo.add(to);
            subjects.add(subject);
            assertTrue(text.contains("0 issue \"other.example\""), text);
            return Future.succeededFuture();
        };
        send(new AuditedIodefReporter(log, relay, java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC)),
                report("mailto:security@example.com", "https://iodef.example.com/report"));
        assertEquals(List.of(List.of("security@example.com")), sentTo);
        assertEquals("CAA: certificate request for www.example.com refused", subjects.get(0));
        String delivery = audit.get(0).details().get("delivery");
        assertTrue(delivery.startsWith("mailto:security@example.com: sent"), delivery);
        assertTrue(delivery.contains("https://iodef.example.com/report: not sent"), delivery);
        assertEquals(T0, audit.get(0).at());
    }

    @Test
    void testMail_relayFailureIsRecordedNotRaised() throws Exception {
        IodefMail broken = (to, subject, text) -> Future.failedFuture("451 try later");
        send(new AuditedIodefReporter(log, broken, java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC)),
                report("mailto:security@example.com"));
        assertTrue(audit.get(0).details().get("delivery").contains("not sent, the relay refused: 451 try later"));
    }

    @Test
    void testMail_withoutRelayTheReportIsOnlyRecorded() throws Exception {
        send(new AuditedIodefReporter(log, java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC)),
                report("mailto:security@example.com"));
        assertTrue(audit.get(0).details().get("delivery").contains("not sent, no SMTP relay is configured"));
    }
}
