package dev.inkan.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
 * OCSP (RFC 6960 appendix A: GET with the base64 request in the path, then POST) on persistent HTTP/1.1
 * connections, as a fleet of browsers and TLS servers behind a few proxies would, for a fixed time each. An answer
 * counts when it is a successful OCSP response naming the serial asked about; anything else is an error. Both
 * kinds of request are counted separately, since a CA may serve them differently (GET answers are cacheable).
 * <p>
 * The generator runs on the same cores as the CA, so it must cost little per request or it measures itself: each
 * connection is one thread writing a request and reading its answer over a plain socket (the JDK's HttpClient
 * spent more CPU per request than the responder), and an answer's bytes are parsed and checked once, then
 * compared byte for byte (an answer signed again is parsed and checked again).
 */
final class OcspLoad {
    /** Connections per client of the level, and at most this many in all (one thread each). */
    private static final int CONNECTIONS_PER_CLIENT = 2;
    private static final int MAX_CONNECTIONS = 32;
    private static final int TIMEOUT_MILLIS = 10_000;

    private final List<Query> queries;

    private OcspLoad(List<Query> queries) {
        this.queries = queries;
    }

    /** The measured rates, or empty when no certificate named an OCSP responder (Pebble names none). */
    static Optional<Rates> measure(List<List<X509Certificate>> chains, int clients, int seconds, List<Long> serverPids)
            throws Exception {
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
            queries.add(new Query(URI.create(url.get()), der, chain.get(0).getSerialNumber()));
        }
        if (queries.isEmpty() || seconds <= 0) {
            return Optional.empty();
        }
        OcspLoad load = new OcspLoad(queries);
        int connections = Math.min(MAX_CONNECTIONS, Math.max(4, clients * CONNECTIONS_PER_CLIENT));
        Phase get = load.run(true, connections, seconds, serverPids);
        Phase post = load.run(false, connections, seconds, serverPids);
        // the server's CPU per answer says what the responder costs, whatever share of the cores it got
        System.err.printf("[bench] OCSP on %d connections: GET %.0f/s, %.0f µs server CPU per answer; POST %.0f/s,"
                + " %.0f µs per answer%n", connections, get.perSecond(), get.serverMicrosPerAnswer(), post.perSecond(),
                post.serverMicrosPerAnswer());
        return Optional.of(new Rates(get.perSecond(), post.perSecond(), get.errors.get() + post.errors.get(),
                get.firstError.get() != null ? get.firstError.get() : post.firstError.get()));
    }

    private Phase run(boolean get, int connections, int seconds, List<Long> serverPids) throws InterruptedException {
        Phase phase = new Phase();
        long serverCpu = ProcCpu.millis(serverPids);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(() -> connection(get, end, phase), "ocsp-client-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            // the time that counts is until the last answer arrives
            t.join(TimeUnit.SECONDS.toMillis(seconds) + 2L * TIMEOUT_MILLIS);
        }
        phase.seconds = (System.nanoTime() - start) / 1e9;
        phase.serverCpuMillis = ProcCpu.millis(serverPids) - serverCpu;
        return phase;
    }

    /** One client connection: requests one after the other until the end, reconnecting when the server closes. */
    private void connection(boolean get, long end, Phase phase) {
        Connection c = null;
        try {
            while (System.nanoTime() < end) {
                Query q = queries.get(ThreadLocalRandom.current().nextInt(queries.size()));
                String problem;
                try {
                    if (c == null) {
                        c = new Connection(q.url());
                    }
                    Answer a = c.exchange(get ? q.getRequest() : q.postRequest());
                    problem = q.problem(a);
                    if (!a.keepAlive()) {
                        c.close();
                        c = null;
                    }
                } catch (IOException | RuntimeException e) {
                    problem = "OCSP request to " + q.url() + " failed: " + e;
                    if (c != null) {
                        c.close();
                        c = null;
                    }
                }
                if (problem == null) {
                    phase.answered.incrementAndGet();
                } else {
                    phase.errors.incrementAndGet();
                    phase.firstError.compareAndSet(null, problem);
                }
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    /** An HTTP answer: status, body, and whether the connection may carry the next request. */
    record Answer(int status, byte[] body, boolean keepAlive) {}

    /** A persistent HTTP/1.1 connection to the responder (plain HTTP, as OCSP is served: RFC 6960 A.1). */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(URI url) throws IOException {
            socket = new Socket();
            socket.connect(new InetSocketAddress(url.getHost(), port(url)), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        }

        Answer exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + status);
            }
            int code = Integer.parseInt(parts[1]);
            int length = -1;
            boolean keepAlive = parts[0].equals("HTTP/1.1");
            for (String h = line(); !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(value);
                } else if (name.equalsIgnoreCase("Connection")) {
                    keepAlive = !value.equalsIgnoreCase("close");
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    throw new IOException("an OCSP answer with Transfer-Encoding " + value + ", not Content-Length");
                }
            }
            if (length < 0) {
                throw new IOException("an OCSP answer without Content-Length");
            }
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                throw new IOException("the connection closed inside an answer");
            }
            return new Answer(code, body, keepAlive);
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the connection closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static int port(URI url) {
        return url.getPort() < 0 ? 80 : url.getPort();
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
        long serverCpuMillis;

        double perSecond() {
            return seconds <= 0 ? 0 : answered.get() / seconds;
        }

        double serverMicrosPerAnswer() {
            return answered.get() == 0 ? 0 : serverCpuMillis * 1000.0 / answered.get();
        }
    }

    /** One certificate's status request, its two HTTP forms, and the last answer found correct. */
    private static final class Query {
        private final URI url;
        private final BigInteger serial;
        private final byte[] getRequest;
        private final byte[] postRequest;
        private volatile byte[] checked;

        Query(URI url, byte[] request, BigInteger serial) {
            this.url = url;
            this.serial = serial;
            String path = url.getRawPath();
            String host = "Host: " + url.getHost() + ":" + port(url) + "\r\n";
            // RFC 6960 appendix A.1: the DER request, base64, URL-encoded, after the responder's URL
            String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII);
            this.getRequest = ("GET " + path + (path.endsWith("/") ? "" : "/") + encoded + " HTTP/1.1\r\n" + host
                    + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] head = ("POST " + path + " HTTP/1.1\r\n" + host + "Content-Type: application/ocsp-request\r\n"
                    + "Content-Length: " + request.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            this.postRequest = Arrays.copyOf(head, head.length + request.length);
            System.arraycopy(request, 0, postRequest, head.length, request.length);
        }

        URI url() {
            return url;
        }

        byte[] getRequest() {
            return getRequest;
        }

        byte[] postRequest() {
            return postRequest;
        }

        /** Null for a successful answer about this serial, else what was wrong. */
        String problem(Answer answer) {
            if (answer.status() != 200) {
                return "OCSP HTTP " + answer.status() + " from " + url;
            }
            if (Arrays.equals(answer.body(), checked)) {
                return null;
            }
            try {
                OCSPResp resp = new OCSPResp(new ByteArrayInputStream(answer.body()));
                if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                    return "OCSP response status " + resp.getStatus() + " from " + url;
                }
                BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
                if (!basic.getResponses()[0].getCertID().getSerialNumber().equals(serial)) {
                    return "OCSP answer names another serial";
                }
                checked = answer.body();
                return null;
            } catch (Exception e) {
                return "OCSP answer does not parse: " + e.getMessage();
            }
        }
    }
}
