package dev.inkan.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;

/** One client's ACME issuance, end to end: newOrder, dns-01 for every name, finalize, download. */
final class IssuanceFlow {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final Account account;
    private final URI management;
    private final HttpClient http = HttpClient.newHttpClient();

    IssuanceFlow(Account account, URI management) {
        this.account = account;
        this.management = management;
    }

    /** Issues one certificate for {@code names} fresh names and returns its latency in nanoseconds. */
    long issueOnce(int names) throws Exception {
        List<String> domains = new ArrayList<>();
        String label = UUID.randomUUID().toString().substring(0, 12);
        for (int i = 0; i < names; i++) {
            domains.add((i == 0 ? "" : "n" + i + ".") + "bench-" + label + ".example.com");
        }
        long start = System.nanoTime();
        Order order = account.newOrder().domains(domains).create();
        for (Authorization auth : order.getAuthorizations()) {
            if (auth.getStatus() == Status.VALID) {
                continue;
            }
            Dns01Challenge c = auth.findChallenge(Dns01Challenge.class).orElseThrow();
            setTxt("_acme-challenge." + auth.getIdentifier().getDomain() + ".", c.getDigest());
            c.trigger();
            if (c.waitForCompletion(WAIT) != Status.VALID) {
                throw new IllegalStateException("challenge failed: " + c.getError().map(Object::toString).orElse("?"));
            }
        }
        order.waitUntilReady(WAIT);
        KeyPair key = KeyPairUtils.createECKeyPair("secp256r1");
        order.execute(key);
        if (order.waitForCompletion(WAIT) != Status.VALID) {
            throw new IllegalStateException("order failed: " + order.getError().map(Object::toString).orElse("?"));
        }
        order.getCertificate().download();
        return System.nanoTime() - start;
    }

    private void setTxt(String host, String value) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(management.resolve("/set-txt"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"host\":\"" + host + "\",\"value\":\"" + value + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("management API answered " + r.statusCode() + ": " + r.body());
        }
    }
}
