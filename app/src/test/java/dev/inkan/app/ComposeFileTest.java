package dev.inkan.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * compose/docker-compose.yml checked against the roles, since no container engine runs here: every service, its
 * role, ports, volumes, configuration file and health check; the configuration files load through the same
 * loader as {@code serve}, with the production profile's checks.
 */
class ComposeFileTest {
    private static final Path COMPOSE = Path.of("..", "compose").toAbsolutePath().normalize();
    private static Map<String, Object> services;
    private static Map<String, Object> volumes;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws Exception {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(100);
        Map<String, Object> file = new Yaml(options).load(Files.readString(COMPOSE.resolve("docker-compose.yml")));
        services = (Map<String, Object>) file.get("services");
        volumes = (Map<String, Object>) file.get("volumes");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        Object s = services.get(name);
        assertNotNull(s, "no service " + name);
        return (Map<String, Object>) s;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> service, String key) {
        Object v = service.get(key);
        return v == null ? List.of() : ((List<Object>) v).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> service) {
        return (Map<String, Object>) service.getOrDefault("environment", Map.of());
    }

    @Test
    void testServices_areExactlyTheTopology() {
        assertEquals(new TreeSet<>(Set.of("mongo1", "mongo2", "mongo3", "mongo-init", "frontend", "signer",
                "signer-standby", "perspective-us", "perspective-eu", "haproxy")), new TreeSet<>(services.keySet()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void testEveryLongRunningService_hasAHealthCheck() {
        for (String name : services.keySet()) {
            if (name.equals("mongo-init")) {
                continue;
            }
            Map<String, Object> health = (Map<String, Object>) service(name).get("healthcheck");
            assertNotNull(health, name + " has no health check");
            assertFalse(((List<Object>) health.get("test")).isEmpty(), name);
        }
    }

    @Test
    void testReplicaSet_hasThreeMembersWithOwnVolumesAndMajorityConcerns() throws Exception {
        Set<String> dataVolumes = new TreeSet<>();
        for (String m : List.of("mongo1", "mongo2", "mongo3")) {
            Map<String, Object> s = service(m);
            assertTrue(String.valueOf(s.get("image")).startsWith("mongo:"), m + " uses the official image");
            assertTrue(strings(s, "command").containsAll(List.of("--replSet", "rs0")), m);
            List<String> v = strings(s, "volumes");
            assertEquals(1, v.size(), m);
            assertTrue(v.get(0).endsWith(":/data/db"), m);
            dataVolumes.add(v.get(0).split(":")[0]);
        }
        assertEquals(3, dataVolumes.size(), "each member its own data volume");
        String init = Files.readString(COMPOSE.resolve("mongo/init-replica-set.js"));
        for (String host : List.of("mongo1:27017", "mongo2:27017", "mongo3:27017")) {
            assertTrue(init.contains(host), host);
        }
        assertTrue(init.contains("setDefaultRWConcern") && init.contains("\"majority\""), init);
        String uri = String.valueOf(env(service("signer")).get("INKAN_STORAGE_URI"));
        assertTrue(uri.contains("replicaSet=rs0") && uri.contains("w=majority")
                && uri.contains("readConcernLevel=majority") && uri.contains("retryWrites=true"), uri);
    }

    @Test
    void testInkanServices_runTheirRoleWithTheirConfigAndHealthEndpoint() throws Exception {
        Map<String, String> roles = Map.of("frontend", "frontend", "signer", "signer", "signer-standby", "signer",
                "perspective-us", "perspective", "perspective-eu", "perspective");
        for (Map.Entry<String, String> e : roles.entrySet()) {
            Map<String, Object> s = service(e.getKey());
            assertEquals(List.of("serve", "--role", e.getValue()), strings(s, "command"), e.getKey());
            String config = String.valueOf(env(s).get("INKAN_CONFIG"));
            String mounted = strings(s, "volumes").stream().filter(v -> v.endsWith(":" + config + ":ro")).findFirst()
                    .orElseThrow(() -> new AssertionError(e.getKey() + " does not mount " + config));
            Path file = COMPOSE.resolve(mounted.split(":")[0]);
            assertTrue(Files.isRegularFile(file), file.toString());
            Settings settings = load(file, e.getValue());
            assertEquals(e.getValue(), settings.operations().role(), e.getKey() + ": " + file);
        }
        for (String name : List.of("frontend", "signer", "signer-standby")) {
            Object test = ((Map<?, ?>) service(name).get("healthcheck")).get("test");
            assertTrue(String.valueOf(test).contains("http://127.0.0.1:9090/health/ready"), name + ": " + test);
        }
    }

    /** The file as {@code serve} loads it, with the secrets compose passes through the environment. */
    private static Settings load(Path file, String role) {
        Map<String, String> env = new HashMap<>();
        env.put("INKAN_CONFIG", file.toString());
        env.put("INKAN_HOME", "/var/lib/inkan");
        if (!role.equals("perspective")) {
            env.put("INKAN_STORAGE_URI", "mongodb://inkan:secret@mongo1:27017,mongo2:27017,mongo3:27017/inkan"
                    + "?replicaSet=rs0&authSource=admin&w=majority&readConcernLevel=majority&retryWrites=true");
            env.put("INKAN_HSM_PIN", "from-the-environment");
            env.put("INKAN_HSM_SO_PIN", "from-the-environment-too");
        }
        env.put("INKAN_VALIDATION_DNS_RESOLVERS", "192.0.2.53:53");
        if (role.equals("frontend")) {
            env.put("INKAN_VETTING_REGISTRY_APPLICATION_ID", "from-the-environment");
        }
        return Settings.from(ConfigLoader.load(env));
    }

    @Test
    void testOnlyTheBalancerAndThePerspectives_publishPorts() {
        assertEquals(List.of("443:8443", "80:8080"), strings(service("haproxy"), "ports"));
        for (String name : List.of("perspective-us", "perspective-eu")) {
            assertEquals(List.of("8443:8443"), strings(service(name), "ports"), name);
        }
        for (String name : List.of("mongo1", "mongo2", "mongo3", "frontend", "signer", "signer-standby")) {
            assertTrue(strings(service(name), "ports").isEmpty(), name + " must be reached through the network only");
        }
    }

    @Test
    void testOnlySigners_reachTheHsm() {
        for (String name : List.of("signer", "signer-standby")) {
            assertTrue(strings(service(name), "volumes").stream().anyMatch(v -> v.startsWith("hsm-client:")), name);
        }
        for (String name : List.of("frontend", "perspective-us", "perspective-eu", "haproxy")) {
            assertTrue(strings(service(name), "volumes").stream()
                    .noneMatch(v -> v.startsWith("hsm-client:") || v.startsWith("softhsm-tokens:")), name);
        }
    }

    @Test
    void testNamedVolumes_areDeclaredAndBindMountsExist() {
        for (String name : services.keySet()) {
            for (String v : strings(service(name), "volumes")) {
                String source = v.split(":")[0];
                if (source.startsWith("./")) {
                    if (!source.startsWith("./secrets/")) { // secrets are the operator's, never committed
                        assertTrue(Files.exists(COMPOSE.resolve(source)), name + ": " + source);
                    }
                } else {
                    assertTrue(volumes.containsKey(source), name + ": volume " + source + " is not declared");
                }
            }
        }
    }

    @Test
    void testBalancer_checksReadinessOfFrontEndsAndSigners() throws Exception {
        String cfg = Files.readString(COMPOSE.resolve("haproxy/haproxy.cfg"));
        assertTrue(cfg.contains("server-template frontend") && cfg.contains("frontend:14000 send-proxy-v2"), cfg);
        assertTrue(cfg.contains("server signer signer:14080") && cfg.contains("server signer-standby signer-standby:14080"));
        assertEquals(5, cfg.split("option httpchk GET /health/ready", -1).length - 1,
                "every backend (ACME, order API, portal, console, signers) checks readiness");
        assertTrue(cfg.contains("balance source"), "a client stays on the front end whose nonces it holds");
    }

    @Test
    void testFrontEnds_serveTheOrderApiAndTheWebFrontsThroughTheBalancer() throws Exception {
        Settings frontEnd = load(COMPOSE.resolve("config/frontend.json"), "frontend");
        assertTrue(frontEnd.orderApi().enabled() && frontEnd.vetting().enabled());
        assertTrue(frontEnd.listenerLimits().proxyProtocol(), "front ends behind haproxy take clients' addresses from it");
        Map<String, Integer> ports = Map.of("orderapi", frontEnd.orderApi().listen().port(),
                "portal", frontEnd.vetting().portalListen().port(), "console", frontEnd.vetting().consoleListen().port());
        List<String> exposed = strings(service("frontend"), "expose");
        String cfg = Files.readString(COMPOSE.resolve("haproxy/haproxy.cfg"));
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            assertTrue(exposed.contains(String.valueOf(e.getValue())), e + " is not exposed: " + exposed);
            // the front ends take the client's address from the PROXY header, so haproxy must send it
            assertTrue(cfg.contains("backend " + e.getKey() + "\n")
                            && cfg.contains("frontend:" + e.getValue() + " send-proxy-v2 check"),
                    "haproxy sends " + e.getKey() + " to the front ends' port " + e.getValue() + " with a PROXY header");
            assertTrue(cfg.contains("use_backend " + e.getKey() + " if host_"), e.getKey() + " is chosen by host name");
        }
        assertTrue(cfg.contains("http-request deny deny_status 403 if host_console !from_staff"),
                "the staff console answers only the staff network");
        // evidence uploaded on one front end is read on another: one shared directory, never a replica's own
        String shared = frontEnd.vetting().directory();
        assertTrue(strings(service("frontend"), "volumes").contains("vetting-evidence:" + shared), shared);
        Settings signer = load(COMPOSE.resolve("config/signer.json"), "signer");
        assertFalse(signer.orderApi().enabled() || signer.vetting().enabled(), "the signer serves neither");
    }

    /** A certificate and its key in one PEM, as haproxy's {@code crt} takes them, made by OpenSSL. */
    private static String selfSigned(Path dir, String name) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=" + name, "-days", "800", "-keyout", key.toString(),
                "-out", cert.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return Files.readString(cert) + Files.readString(key);
    }

    @Test
    void testBalancerConfiguration_isValidForHaproxy() throws Exception {
        // haproxy itself parses the file, with a certificate of ours in place of the operator's secret
        Path dir = Path.of("target", "haproxy-check").toAbsolutePath();
        Files.createDirectories(dir);
        Path pem = dir.resolve("acme-tls.pem");
        Files.writeString(pem, selfSigned(dir, "acme.ca.example.jp"));
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, Files.readString(COMPOSE.resolve("haproxy/haproxy.cfg"))
                .replace("/usr/local/etc/haproxy/acme-tls.pem", pem.toString())
                // Docker's DNS exists only inside compose; any address parses the same
                .replace("127.0.0.11:53", "127.0.0.1:53"));
        ProcessBuilder check = new ProcessBuilder("haproxy", "-c", "-f", cfg.toString()).redirectErrorStream(true);
        check.environment().put("INKAN_STAFF_NETWORK", "192.0.2.0/24");
        Process p = check.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }
}
