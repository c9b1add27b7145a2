package dev.inkan.app.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failed sign-ins are throttled on the wire, per account and per source address. Each test signs in from loopback
 * addresses of its own (127.0.0.x; Linux routes the whole 127/8 to lo), so what it holds holds nobody else.
 */
@Timeout(600)
class SignInThrottleIT {
    private static SandboxServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SandboxServer.shared();
    }

    /** A sign-in form posted from {@code from}, with the session cookie and CSRF token of a page the jar opened. */
    private record Form(String cookieName, String cookie, String csrf, int port) {
        static Form of(String base, String page, String cookieName) throws Exception {
            CookieManager jar = new CookieManager();
            VettingWebClient c = new VettingWebClient(server.tlsRoot(), base, jar);
            String csrf = c.csrf(page);
            HttpCookie cookie = jar.getCookieStore().getCookies().stream().filter(k -> k.getName().equals(cookieName))
                    .findFirst().orElseThrow();
            return new Form(cookieName, cookie.getValue(), csrf, Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)));
        }

        /** The response's status and body. */
        String[] post(String from, Map<String, String> fields) throws Exception {
            String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"))
                    + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try (SSLSocket s = (SSLSocket) Pem.trusting(server.tlsRoot()).getSocketFactory().createSocket()) {
                s.bind(new InetSocketAddress(from, 0));
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                s.setSoTimeout(60_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /login HTTP/1.1\r\nHost: localhost:" + port + "\r\nCookie: lang=en; " + cookieName + "=" + cookie
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + bytes.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                InputStream in = s.getInputStream();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                in.transferTo(all);
                String response = all.toString(StandardCharsets.UTF_8);
                return new String[] {response.substring(9, 12), response};
            }
        }
    }

    @Test
    void staffAccountIsHeldAfterFiveFailuresEvenWithTheRightPasswordFromElsewhere() throws Exception {
        String password = "hold the line 4417 ok";
        ClientRun created = server.commandReading(password + "\n", "staff", "create", "--id", "held-officer", "--roles",
                "vetting-officer");
        assertEquals(0, created.exitCode(), created.describe());
        Form f = Form.of(server.consoleUrl(), "/login", "inkan-staff");
        for (int i = 0; i < 5; i++) {
            String[] r = f.post("127.0.0.2", Map.of("id", "held-officer", "password", "wrong guess number " + i));
            assertEquals("403", r[0], r[1]);
        }
        String[] held = f.post("127.0.0.3", Map.of("id", "held-officer", "password", password));
        assertEquals("429", held[0], held[1]);
        assertTrue(held[1].contains("too many failed sign-ins"), held[1]);
    }

    @Test
    void sourceAddressIsHeldAfterTwentyFailuresWhateverTheLogin() throws Exception {
        Form f = Form.of(server.consoleUrl(), "/login", "inkan-staff");
        for (int i = 0; i < 20; i++) {
            String[] r = f.post("127.0.0.4", Map.of("id", "guess-" + i, "password", "not the password at all"));
            assertEquals("403", r[0], r[1]);
        }
        String[] held = f.post("127.0.0.4", Map.of("id", "guess-fresh", "password", "not the password at all"));
        assertEquals("429", held[0], held[1]);
        String[] elsewhere = f.post("127.0.0.5", Map.of("id", "guess-fresh", "password", "not the password at all"));
        assertEquals("403", elsewhere[0], "another address is not held: " + elsewhere[1]);
    }

    @Test
    void applicantAccountIsHeldAfterFiveFailures() throws Exception {
        Form f = Form.of(server.portalUrl(), "/", "inkan-portal");
        for (int i = 0; i < 5; i++) {
            String[] r = f.post("127.0.0.6", Map.of("email", "held@throttle.co.jp", "password", "wrong guess " + i));
            assertEquals("403", r[0], r[1]);
        }
        String[] held = f.post("127.0.0.7", Map.of("email", "held@throttle.co.jp", "password", "wrong guess again"));
        assertEquals("429", held[0], held[1]);
    }
}
