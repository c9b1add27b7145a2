package dev.inkan.app;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test hook of the sandbox profile: the system clock plus an offset that the staff endpoint moves forward
 * ({@code POST /admin/test/clock {"advanceSeconds": n}}), so that a running CA can be shown refusing what has grown
 * too old: a BR 3.2.2.4.4 random value past its lifetime, email validation from 2028-03-15. On only with
 * {@code INKAN_TEST_CLOCK=adjustable}; profile production refuses to start with it set, since a CA whose time
 * can be moved could be made to sign certificates dated wrong.
 */
final class AdjustableClock extends Clock {
    static final String ENV = "INKAN_TEST_CLOCK";
    private static final Logger LOG = LoggerFactory.getLogger(AdjustableClock.class);

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private AdjustableClock(Clock base) {
        this.base = base;
    }

    /** The system clock, or an adjustable one when the environment asks for it in the sandbox. */
    static Clock of(Map<String, String> env, boolean production) {
        String wanted = env.get(ENV);
        if (wanted == null || wanted.isBlank()) {
            return Clock.systemUTC();
        }
        if (!wanted.equals("adjustable")) {
            throw new IllegalArgumentException(ENV + " takes only \"adjustable\", not \"" + wanted + "\"");
        }
        if (production) {
            throw new IllegalArgumentException(ENV + " is a test hook of the sandbox profile; profile production"
                    + " refuses to start with it set");
        }
        LOG.warn("{}=adjustable: the staff endpoint can move this CA's clock forward", ENV);
        return new AdjustableClock(Clock.systemUTC());
    }

    /** Moves the clock forward (never back: what was recorded stays in the past). */
    Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offset.accumulateAndGet(by, Duration::plus);
        Instant now = instant();
        LOG.warn("clock advanced by {}: now {}", by, now);
        return now;
    }

    /** {@code POST /admin/test/clock} on the staff router, behind its token. */
    void mount(Router admin) {
        admin.post("/admin/test/clock").handler(ctx -> {
            Long seconds = ctx.body().asJsonObject() == null ? null
                    : ctx.body().asJsonObject().getLong("advanceSeconds");
            if (seconds == null || seconds < 0) {
                ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("error", "advanceSeconds: a number of seconds >= 0").encode());
                return;
            }
            Instant now = advance(Duration.ofSeconds(seconds));
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("now", now.toString()).encode());
        });
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? this : Clock.offset(base.withZone(zone), offset.get());
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }
}
