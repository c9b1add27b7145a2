package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dehydrated, the shell client, with http-01 through a webroot served on the sandbox's http-01 port. */
class DehydratedIT {

    @Test
    void testSuccess_http01WebrootIssues() throws Exception {
        SandboxServer server = SandboxServer.shared();
        Path dir = server.home.resolve("dehydrated");
        Path webroot = dir.resolve("webroot/.well-known/acme-challenge");
        Files.createDirectories(webroot);
        Files.writeString(dir.resolve("config"), """
                CA="%s"
                CHALLENGETYPE="http-01"
                BASEDIR="%s"
                WELLKNOWN="%s"
                CURL_OPTS="--cacert %s"
                CONTACT_EMAIL="ops@example.com"
                KEY_ALGO="prime256v1"
                """.formatted(server.directoryUrl(), dir, webroot, server.tlsRoot()));
        Files.writeString(dir.resolve("domains.txt"), "dehydrated1.example.com www.dehydrated1.example.com\n");

        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", server.http01Port), 0);
        web.createContext("/.well-known/acme-challenge/", exchange -> {
            String token = Path.of(exchange.getRequestURI().getPath()).getFileName().toString();
            Path file = webroot.resolve(token);
            byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(body.length > 0 ? 200 : 404, body.length > 0 ? body.length : -1);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        try {
            String config = dir.resolve("config").toString();
            ClientRun register = ClientRun.run(dir, Map.of(), List.of("dehydrated", "-f", config, "--register", "--accept-terms"));
            assertEquals(0, register.exitCode(), register.describe());
            ClientRun run = ClientRun.run(dir, Map.of(), List.of("dehydrated", "-f", config, "-c"));
            assertEquals(0, run.exitCode(), run.describe());
        } finally {
            web.stop(0);
        }
        Path cert = dir.resolve("certs/dehydrated1.example.com/cert.pem");
        assertEquals(List.of("dehydrated1.example.com", "www.dehydrated1.example.com"), Certs.dnsNames(cert));
        Certs.assertVerifies(server, cert, "dv.pem");
    }
}
