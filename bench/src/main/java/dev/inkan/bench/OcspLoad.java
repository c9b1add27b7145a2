package dev.inkan.bench;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Relying parties asking for status: after a level's orders, the certificates it issued are asked about over
 * OCSP (RFC 6960 appendix A: GET with the base64 request in the path, then POST), as many requests in flight
 * as the level had clients times eight, for a fixed time each. An answer counts when it is a successful OCSP
 * response naming the serial asked about; anything else is an error. Both kinds of request are counted
 * separately, since a CA may serve them differently (GET answers are cacheable).
 */
final class OcspLoad {
    private static final int IN_FLIGHT_PER_CLIENT = 8;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final List<Query> queries;
    private final HttpClient http;

    private OcspLoad(List<Query> queries, HttpClient http) {
        this.queries = queries;
        this.http = http;
    }

    /** The measured rates, or empty when no certificate named an OCSP responder (Pebble names none). */
    static Optional<Rates> measure(List<List<X509Certificate>> chains, int clients, int seconds) throws Exception {
        List<Query> queries = new ArrayList<>();
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        for (List<X509Certificate> chain : chains) {
            if (chain.size() < 2) {
                continue;
            }
            Optional<String> url = ocspUrl(chain.get(0));
            if (url.isEmpty()) {
                continue;
            }
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(chain.get(1)), chain.get(0).getSerialNumber());
            byte[] der = new OCSPReqBuilder().addRequest(id).build().getEncoded();
            queries.add(new Query(url.get(), der, chain.get(0).getSerialNumber()));
        }
        if (queries.isEmpty() || seconds <= 0) {
            return Optional.empty();
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "ocsp-client");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                    .connectTimeout(REQUEST_TIMEOUT).build();
            OcspLoad load = new OcspLoad(queries, http);
            int inFlight = Math.max(8, clients * IN_FLIGHT_PER_CLIENT);
            Phase get = load.run(true, inFlight, seconds);
            Phase post = load.run(false, inFlight, seconds);
            return Optional.of(new Rates(get.perSecond(), post.perSecond(), get.errors.get() + post.errors.get(),
                    get.firstError.get() != null ? get.firstError.get() : post.firstError.get()));
        } finally {
            executor.shutdownNow();
        }
    }

    private Phase run(boolean get, int inFlight, int seconds) throws InterruptedException {
        Phase phase = new Phase();
        Semaphore slots = new Semaphore(inFlight);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            Query q = queries.get(ThreadLocalRandom.current().nextInt(queries.size()));
            CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(get ? q.get() : q.post(),
                    HttpResponse.BodyHandlers.ofByteArray());
            sent.whenComplete((response, error) -> {
                try {
                    String problem = error != null ? error.toString() : q.problem(response);
                    if (problem == null) {
                        phase.answered.incrementAndGet();
                    } else {
                        phase.errors.incrementAndGet();
                        phase.firstError.compareAndSet(null, problem);
                    }
                } finally {
                    slots.release();
                }
            });
        }
        // the time that counts is until the last answer arrives
        slots.tryAcquire(inFlight, REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        phase.seconds = (System.nanoTime() - start) / 1e9;
        return phase;
    }

    private static Optional<String> ocspUrl(X509Certificate cert) throws Exception {
        byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (ext == null) {
            return Optional.empty();
        }
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets()));
        for (AccessDescription d : aia.getAccessDescriptions()) {
            if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                    && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                return Optional.of(ASN1IA5String.getInstance(d.getAccessLocation().getName()).getString());
            }
        }
        return Optional.empty();
    }

    /** GET and POST answers per second, and the errors of both phases. */
    record Rates(double getPerSecond, double postPerSecond, long errors, String firstError) {}

    private static final class Phase {
        final AtomicLong answered = new AtomicLong();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final AtomicLong errors = new AtomicLong();
        double seconds;

        double perSecond() {
            return seconds <= 0 ? 0 : answered.get() / seconds;
        }
    }

    private record Query(String url, byte[] request, BigInteger serial) {
        HttpRequest get() {
            // RFC 6960 appendix A.1: the DER request, base64, URL-encoded, after the responder's URL
            String path = java.net.URLEncoder.encode(Base64.getEncoder().encodeToString(request),
                    java.nio.charset.StandardCharsets.US_ASCII);
            return HttpRequest.newBuilder(URI.create(url + (url.endsWith("/") ? "" : "/") + path))
                    .timeout(REQUEST_TIMEOUT).GET().build();
        }

        HttpRequest post() {
            return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        }

        /** Null for a successful answer about this serial, else what was wrong. */
        String problem(HttpResponse<byte[]> response) {
            if (response.statusCode() != 200) {
                return "OCSP HTTP " + response.statusCode() + " from " + url;
            }
            try {
                OCSPResp resp = new OCSPResp(new ByteArrayInputStream(response.body()));
                if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                    return "OCSP response status " + resp.getStatus() + " from " + url;
                }
                BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
                if (!basic.getResponses()[0].getCertID().getSerialNumber().equals(serial)) {
                    return "OCSP answer names another serial";
                }
                return null;
            } catch (Exception e) {
                return "OCSP answer does not parse: " + e.getMessage();
            }
        }
    }
}
