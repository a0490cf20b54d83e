package io.gochat.task.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gochat.protocol.Ops;
import io.gochat.protocol.service.Delivery;
import io.gochat.redis.queue.QueuedMessage;
import org.junit.jupiter.api.Test;

/** How queue entries of groups, contacts and rooms are partitioned and what connect servers are asked to do. */
class GroupRoutingTest {

    @Test
    void aGroupMessageAndTheGroupsNoticesShareThePartitionKeyOfTheGroupSoTheirOrderHolds() {
        QueuedMessage message = QueuedMessage.toGroup(Ops.GROUP, 1, 12, "{}", 0);
        QueuedMessage notice = QueuedMessage.toUser(Ops.GROUP_EVENT, 2, 7, 12, Delivery.JOINED, "{}");
        assertEquals("g:12", message.defaultConversation());
        assertEquals("g:12", notice.defaultConversation());
    }

    @Test
    void aGroupMessageGoesToEveryServerAndAUsersGroupNoticeOnlyToThatUserChangingTheirMembership() {
        QueuedMessage message = QueuedMessage.toGroup(Ops.GROUP, 1, 12, "{}", 0);
        assertTrue(message.isForGroup());
        assertFalse(message.isForUser());
        assertEquals(Delivery.toGroup(12, "{}", 0), QueueConsumer.delivery(message));

        QueuedMessage notice = QueuedMessage.toUser(Ops.GROUP_EVENT, 2, 7, 12, Delivery.JOINED, "{}");
        assertTrue(notice.isForUser());
        assertFalse(notice.isForGroup());
        assertEquals(Delivery.membership(7, 12, Delivery.JOINED, "{}"), QueueConsumer.delivery(notice));
    }

    @Test
    void privateMessagesAndContactsNoticesGoToOneUserAndRoomMessagesToTheRoom() {
        QueuedMessage privateMessage = new QueuedMessage(Ops.SINGLE, 1, 7, 1, "{}");
        QueuedMessage friendRequest = new QueuedMessage(Ops.FRIEND_REQUEST, 2, 8, 0, "{}");
        QueuedMessage room = new QueuedMessage(Ops.ROOM, 3, 0, 5, "{}");
        assertEquals(Delivery.toUser(7, "{}"), QueueConsumer.delivery(privateMessage));
        assertEquals(Delivery.toUser(8, "{}"), QueueConsumer.delivery(friendRequest));
        assertEquals("u:8", friendRequest.defaultConversation());
        assertFalse(room.isForUser());
        assertEquals(Delivery.toRoom(5, "{}"), QueueConsumer.delivery(room));
        assertEquals("r:5", room.defaultConversation());
    }
}
