package io.gochat.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostHeaderTest {
    @Test
    void thePortIsDroppedFromANameOrAnAddress() {
        assertEquals("example.com", HostHeader.hostName("example.com:8080"));
        assertEquals("10.0.0.7", HostHeader.hostName("10.0.0.7:80"));
        assertEquals("localhost", HostHeader.hostName("localhost"));
    }

    @Test
    void anIpv6AddressKeepsItsBrackets() {
        assertEquals("[::1]", HostHeader.hostName("[::1]:8080"));
        assertEquals("[fe80::1]", HostHeader.hostName("[fe80::1]"));
    }

    @Test
    void aMissingOrHostileHeaderFallsBackToLocalhost() {
        assertEquals("localhost", HostHeader.hostName(null));
        assertEquals("localhost", HostHeader.hostName("  "));
        assertEquals("localhost", HostHeader.hostName("evil.com/\"><script>"));
        assertEquals("localhost", HostHeader.hostName("user@evil.com"));
        assertEquals("localhost", HostHeader.hostName("[::1"));
    }
}
