package dev.inkan.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * challtestsrv's -tlsalpn01 server (RFC 8737): completes a handshake only for ALPN {@code acme-tls/1}, with the
 * certificate for the SNI name set by /add-tlsalpn01, then closes. JDK TLS on its own threads: the key manager
 * picks the certificate by SNI during the handshake, which the event-loop TLS stack does not let us do per host.
 */
final class TlsAlpn01Responder {
    static final String ACME_TLS_1 = "acme-tls/1";
    private static final Logger LOG = LoggerFactory.getLogger(TlsAlpn01Responder.class);
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;

    private final TlsAlpn01Responses responses;
    private final TlsAlpn01Certificates certificates;
    private final RequestHistory history;
    private final Clock clock;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "harness-tlsalpn01");
        t.setDaemon(true);
        return t;
    });
    private SSLServerSocket server;

    TlsAlpn01Responder(TlsAlpn01Responses responses, RequestHistory history, Clock clock) {
        this.responses = responses;
        this.history = history;
        this.clock = clock;
        this.certificates = new TlsAlpn01Certificates(clock);
    }

    /** Blocking: binds and starts accepting. */
    TlsAlpn01Responder listen(String host, int port) throws IOException, GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new javax.net.ssl.KeyManager[] {new BySni()}, null, null);
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 50);
        connections.execute(this::accept);
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the tls-alpn-01 listener", e);
        }
        connections.shutdownNow();
        try {
            connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) server.accept();
                connections.execute(() -> handshake(s));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("tls-alpn-01 accept failed", e);
            }
        }
    }

    private void handshake(SSLSocket s) {
        try (s) {
            s.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            s.setSSLParameters(p);
            s.setHandshakeApplicationProtocolSelector((socket, offered) -> {
                history.addTlsAlpn(new TlsAlpnRequestEvent(sni(socket.getHandshakeSession()), offered, clock.instant()));
                // null ends the handshake with no_application_protocol, as Go's crypto/tls does for challtestsrv.
                return offered.contains(ACME_TLS_1) ? ACME_TLS_1 : null;
            });
            s.startHandshake();
        } catch (IOException e) {
            LOG.debug("tls-alpn-01 handshake ended: {}", e.getMessage());
        }
    }

    private static String sni(SSLSession session) {
        if (session instanceof ExtendedSSLSession ext) {
            for (SNIServerName n : ext.getRequestedServerNames()) {
                if (n instanceof SNIHostName h) {
                    return DnsNames.normalize(h.getAsciiName());
                }
            }
        }
        return "";
    }

    /** Chooses the certificate for the SNI name, made fresh from the key authorization set for it. */
    private final class BySni extends X509ExtendedKeyManager {
        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return socket instanceof SSLSocket s ? alias(keyType, s.getHandshakeSession()) : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType, engine.getHandshakeSession());
        }

        private String alias(String keyType, SSLSession session) {
            String host = sni(session);
            return "EC".equals(keyType) && !host.isEmpty() && responses.keyAuthorization(host).isPresent() ? host : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return responses.keyAuthorization(alias)
                    .map(ka -> new X509Certificate[] {certificates.certificate(alias, ka)})
                    .orElse(null);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return certificates.key().getPrivate();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
