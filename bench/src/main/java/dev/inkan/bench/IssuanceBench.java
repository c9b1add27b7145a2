package dev.inkan.bench;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * The load generator: N concurrent ACME clients, each issuing M certificates through dns-01, against any
 * directory. Prints the issuance rate and the median and 90th-percentile latency of whole orders. Numbers
 * from a shared machine are noisy: compare medians and ratios of runs made side by side.
 */
public final class IssuanceBench {
    private IssuanceBench() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.usage());
            System.exit(2);
            return;
        }
        Security.addProvider(new BouncyCastleProvider());
        SSLContext tls = trusting(options);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        long start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < options.clients(); c++) {
            clients.add(pool.submit(() -> runClient(options, tls, latencies, failures)));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        long wall = System.nanoTime() - start;
        pool.shutdown();
        System.out.println(Summary.of(latencies, failures.get(), wall).render());
    }

    private static Void runClient(BenchOptions o, SSLContext tls, List<Long> latencies, AtomicInteger failures)
            throws Exception {
        Session session = new Session(o.directory(), new GenericAcmeProvider() {
            @Override
            public HttpClient createHttpClient(NetworkSettings settings) {
                return HttpClient.newBuilder().sslContext(tls).connectTimeout(settings.getTimeout()).build();
            }
        });
        Account account = new AccountBuilder().agreeToTermsOfService().useKeyPair(KeyPairUtils.createKeyPair())
                .create(session);
        IssuanceFlow flow = new IssuanceFlow(account, o.management());
        for (int i = 0; i < o.orders(); i++) {
            try {
                latencies.add(flow.issueOnce(o.names()));
            } catch (Exception e) {
                failures.incrementAndGet();
                System.err.println("order failed: " + e.getMessage());
            }
        }
        return null;
    }

    private static SSLContext trusting(BenchOptions o) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int i = 0;
        for (var cert : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(o.trustRoot())))) {
            ks.setCertificateEntry("root" + i++, cert);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
