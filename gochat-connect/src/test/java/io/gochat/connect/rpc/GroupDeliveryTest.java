package io.gochat.connect.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.connect.ConnectMetrics;
import io.gochat.connect.ConnectSettings.SlowReaderPolicy;
import io.gochat.connect.room.Buckets;
import io.gochat.connect.room.ChannelWriter;
import io.gochat.connect.room.Member;
import io.gochat.connect.transport.Transport;
import io.gochat.protocol.service.Delivery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A group delivery reaches every connection of every member this server holds, whatever room each joined,
 * and nobody else; membership events keep the server's group index right.
 */
class GroupDeliveryTest {
    final Buckets buckets = new Buckets(4);
    final ConnectServiceImpl service = new ConnectServiceImpl(buckets,
            new ChannelWriter(SlowReaderPolicy.DROP, new ConnectMetrics()), Transport.TCP, new UnpooledByteBufAllocator(false));

    EmbeddedChannel connect(long userId, long roomId) {
        EmbeddedChannel ch = new EmbeddedChannel();
        buckets.join(new Member(ch, userId, "u" + userId, roomId, ch.hashCode(), 0));
        return ch;
    }

    int deliver(Delivery d, EmbeddedChannel... channels) {
        var answer = service.deliver(List.of(d));
        for (EmbeddedChannel ch : channels) {
            ch.runPendingTasks();
        }
        return answer.join();
    }

    static String read(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        if (out == null) {
            return null;
        }
        try {
            return out.toString(4, out.readableBytes() - 4, StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    @Test
    void aGroupMessageReachesEveryConnectionOfEveryMemberInAnyRoomAndNoOneElse() {
        EmbeddedChannel annTab1 = connect(1, 1);
        EmbeddedChannel annTab2 = connect(1, 2);
        EmbeddedChannel bobNoRoom = connect(2, 0);
        EmbeddedChannel eve = connect(3, 1);
        buckets.groups().load(1, List.of(10L));
        buckets.groups().load(2, List.of(10L, 11L));
        buckets.groups().load(3, List.of(11L));
        assertEquals(3, deliver(Delivery.toGroup(10, "{\"op\":30}", 0), annTab1, annTab2, bobNoRoom, eve));
        assertEquals("{\"op\":30}", read(annTab1));
        assertEquals("{\"op\":30}", read(annTab2));
        assertEquals("{\"op\":30}", read(bobNoRoom));
        assertNull(read(eve), "not a member of group 10");
    }

    @Test
    void membershipEventsAddAndRemoveAUserAndADissolvedGroupIsForgottenAfterItsLastWords() {
        EmbeddedChannel ann = connect(1, 0);
        EmbeddedChannel bob = connect(2, 0);
        buckets.groups().load(1, List.of(10L));
        assertEquals(1, deliver(Delivery.membership(2, 10, Delivery.JOINED, "{\"event\":\"added\"}"), ann, bob));
        assertEquals("{\"event\":\"added\"}", read(bob));
        assertEquals(2, deliver(Delivery.toGroup(10, "{\"n\":1}", 0), ann, bob));
        read(ann);
        read(bob);
        assertEquals(1, deliver(Delivery.membership(2, 10, Delivery.LEFT, "{\"event\":\"removed\"}"), ann, bob));
        assertEquals("{\"event\":\"removed\"}", read(bob), "the removed user is told first");
        assertEquals(1, deliver(Delivery.toGroup(10, "{\"n\":2}", 0), ann, bob));
        assertNull(read(bob), "then gets nothing more from the group");
        assertEquals(1, deliver(Delivery.toGroup(10, "{\"event\":\"dissolved\"}", Delivery.LEFT), ann, bob));
        read(ann);
        assertFalse(buckets.groups().isMember(1, 10));
        assertEquals(0, buckets.groups().groups());
    }

    @Test
    void aUsersGroupsAreForgottenWithTheirLastConnectionHereAndNotLoadedWhenAlreadyGone() {
        EmbeddedChannel tab1 = connect(5, 0);
        EmbeddedChannel tab2 = connect(5, 0);
        buckets.groups().load(5, List.of(20L));
        buckets.leave(new Member(tab1, 5, "u5", 0, tab1.hashCode(), 0));
        buckets.groups().connectionClosed(5);
        assertTrue(buckets.groups().isMember(5, 20), "another tab is still here");
        buckets.leave(new Member(tab2, 5, "u5", 0, tab2.hashCode(), 0));
        buckets.groups().connectionClosed(5);
        assertFalse(buckets.groups().isMember(5, 20));
        buckets.groups().load(5, List.of(21L));   // logic's answer arrives after the user left
        assertFalse(buckets.groups().isMember(5, 21));
        assertEquals(0, buckets.groups().groups());
    }
}
