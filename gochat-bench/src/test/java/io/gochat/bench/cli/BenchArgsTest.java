package io.gochat.bench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchArgsTest {
    @Test
    void commandFlagsAndLists() {
        BenchArgs a = BenchArgs.parse(new String[] {"fanout", "--members=1k", "--rates=100, 200,400", "--all"});
        assertEquals("fanout", a.command());
        assertEquals(1000, a.integer("members", 0));
        assertEquals(7, a.integer("missing", 7));
        assertArrayEquals(new int[] {100, 200, 400}, a.integers("rates", ""));
        assertTrue(a.flag("all"));
    }

    @Test
    void everythingAfterJmhGoesToJmh() {
        BenchArgs a = BenchArgs.parse(new String[] {"jmh", "-f", "1", "--foo=bar", "Broadcast"});
        assertEquals("jmh", a.command());
        assertEquals(List.of("-f", "1", "--foo=bar", "Broadcast"), a.rest());
    }
}
