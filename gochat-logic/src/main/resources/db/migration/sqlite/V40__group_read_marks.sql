-- Group read state (io.gochat.logic.messages.GroupReceipts): a member's read mark in a group is their
-- read_state row (conversation g:<groupId>); a message's read count and readers are the members whose mark is
-- at or past it. This index finds a group's marks from a message id on; no row is written per member on send.
CREATE INDEX read_state_conversation ON read_state (conversation, up_to_id);
