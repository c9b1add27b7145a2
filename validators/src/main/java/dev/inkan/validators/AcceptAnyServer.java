package dev.inkan.validators;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * tls-alpn-01 certificates are self-signed by design (RFC 8737 §3): what proves control is the acmeIdentifier
 * extension, which {@link AcmeIdentifierCertificate} checks; the chain and host name are not checked here.
 */
final class AcceptAnyServer extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // accepted; checked by AcmeIdentifierCertificate
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // accepted; checked by AcmeIdentifierCertificate
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // accepted; checked by AcmeIdentifierCertificate
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("a validation client never serves");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("a validation client never serves");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("a validation client never serves");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
