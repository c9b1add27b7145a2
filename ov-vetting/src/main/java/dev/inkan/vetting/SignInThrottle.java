package dev.inkan.vetting;

import dev.inkan.core.port.RateLimitCounters;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Failed sign-ins slow down whoever makes them (NIST SP 800-63B §5.2.2, rate limiting): per account and per source
 * address, counted in the store so every front end sees the same count. The longer failures go on, the longer the
 * wait: a few failures in 15 minutes hold the account or address until the quarter-hour ends, many in a day hold it
 * until the day ends. A held sign-in is refused before the password is even hashed, and every failure and every
 * refusal is audited with the login and the address. A success does not clear the count, so alternating a known
 * password with guesses gains nothing.
 */
public final class SignInThrottle {
    /** One step of the backoff: at most {@code failures} in a window of {@code window}. */
    record Step(long failures, Duration window) {}

    static final List<Step> PER_ACCOUNT = List.of(new Step(5, Duration.ofMinutes(15)), new Step(20, Duration.ofDays(1)));
    static final List<Step> PER_ADDRESS = List.of(new Step(20, Duration.ofMinutes(15)), new Step(100, Duration.ofDays(1)));

    private final VettingContext ctx;
    private final RateLimitCounters counters;
    private final String realm;

    /** @param realm {@code staff} or {@code applicant}: the two fronts count apart */
    public SignInThrottle(VettingContext ctx, RateLimitCounters counters, String realm) {
        this.ctx = ctx;
        this.counters = counters;
        this.realm = realm;
    }

    /**
     * One sign-in step: refused at once while held; otherwise {@code check} runs, and a refusal of the credential
     * (403) is counted and audited before it reaches the person.
     */
    public <T> Future<T> attempt(String login, String address, String factor, Supplier<Future<T>> check) {
        return allow(login, address).compose(x -> check.get()).recover(e -> e instanceof Refusal r && r.status() == 403
                ? failed(login, address, factor).transform(x -> Future.<T>failedFuture(e))
                : Future.failedFuture(e));
    }

    /** Fails with 429 while the account or the address is held, naming when it may try again. */
    public Future<Void> allow(String login, String address) {
        Instant now = ctx.now();
        List<Future<Instant>> held = new ArrayList<>();
        for (Step s : PER_ACCOUNT) {
            held.add(heldUntil(accountKey(login), s, now));
        }
        for (Step s : PER_ADDRESS) {
            held.add(heldUntil(addressKey(address), s, now));
        }
        return Future.all(held).compose(all -> {
            Instant until = null;
            for (int i = 0; i < all.size(); i++) {
                Instant t = all.resultAt(i);
                if (t != null && (until == null || t.isAfter(until))) {
                    until = t;
                }
            }
            if (until == null) {
                return Future.succeededFuture();
            }
            Instant retry = until;
            return ctx.audit(realm + ".signin.throttled", realm + ":" + normal(login), normal(login),
                            Map.of("address", address, "until", retry.toString()))
                    .compose(x -> Future.failedFuture(new Refusal(429, "失敗が続いたため、" + retry
                            + " まで受け付けません / too many failed sign-ins; try again after " + retry)));
        });
    }

    /** Counts a failed password or code against the account and the address, and audits it. */
    public Future<Void> failed(String login, String address, String what) {
        Instant now = ctx.now();
        List<Future<Void>> added = new ArrayList<>();
        for (Step s : PER_ACCOUNT) {
            added.add(counters.add(accountKey(login), s.window(), now));
        }
        for (Step s : PER_ADDRESS) {
            added.add(counters.add(addressKey(address), s.window(), now));
        }
        return Future.all(added).compose(x -> ctx.audit(realm + ".signin.failed", realm + ":" + normal(login),
                normal(login), Map.of("address", address, "factor", what)));
    }

    private Future<Instant> heldUntil(String key, Step s, Instant now) {
        return counters.count(key, s.window(), now).map(n -> n >= s.failures()
                ? RateLimitCounters.windowStart(now, s.window()).plus(s.window()) : null);
    }

    private String accountKey(String login) {
        return "signin:" + realm + ":account:" + normal(login);
    }

    private String addressKey(String address) {
        return "signin:" + realm + ":address:" + address;
    }

    private static String normal(String login) {
        return login == null ? "" : login.trim().toLowerCase(Locale.ROOT);
    }
}
