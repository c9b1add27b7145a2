package dev.inkan.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AcmeServerConfigTest {

    @Test
    void testSuccess_defaultsWorkOnALaptop() {
        AcmeServerConfig config = AcmeServerConfig.defaults("https://localhost:14000/");

        assertEquals("https://localhost:14000", config.baseUrl());
        assertEquals(List.of("jprs.jp"), config.caaIdentities());
        assertEquals(64 * 1024, config.maxBodyBytes());
        assertEquals(Duration.ofHours(1), config.nonceLifetime());
        assertEquals(50, config.ordersPageSize());
    }

    @Test
    void testFailure_baseUrlWithAPathIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> AcmeServerConfig.defaults("https://ca.example/acme"));
    }

    @Test
    void testFailure_eabKeyThatIsNotBase64UrlIsRefusedAtStart() {
        AcmeServerConfig config = AcmeServerConfig.defaults("https://ca.example")
                .withExternalAccountBinding(true, java.util.Map.of("kid", "not base64!"));

        assertThrows(IllegalArgumentException.class,
                () -> new dev.inkan.acme.jws.ExternalAccountBinding(config.eabMacKeys()));
    }
}
