package io.gochat.logic.message;

import io.gochat.cluster.ids.IdsUnavailableException;
import io.gochat.cluster.ids.MessageIds;
import io.gochat.cluster.ids.Snowflake;
import io.gochat.logic.history.MessageWriter;
import io.gochat.logic.history.StoredMessage;
import io.gochat.logic.history.Submission;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.user.AccountService;
import io.gochat.protocol.Ops;
import io.gochat.protocol.service.PushReply;
import io.gochat.protocol.service.PushRequest;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.redis.UserRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * Resolves a batch of {@link PushDraft}s on the message writer's thread: every sender's session and every
 * private recipient's route in one Redis round trip, recipients' names (mostly cached), then a unique id
 * and the exact body clients receive for each accepted message.
 */
final class PushResolver implements MessageWriter.Resolver {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PushResolver.class);
    static final String STORED_FOR_OFFLINE = "ok, stored for offline delivery";

    private final UnifiedJedis redis;
    private final MessageIds ids;
    private final AccountService accounts;
    /** Per-sender refusal (the per-user rate limit), or null to accept. */
    private final LongFunction<PushReply> senderCheck;
    /** Who may write to whom (blocks, friends only); asked once per batch. */
    private final PrivateMessageRules rules;

    PushResolver(UnifiedJedis redis, MessageIds ids, AccountService accounts, LongFunction<PushReply> senderCheck,
                 PrivateMessageRules rules) {
        this.redis = redis;
        this.ids = ids;
        this.accounts = accounts;
        this.senderCheck = senderCheck;
        this.rules = rules;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void resolve(List<Submission> batch) {
        int n = batch.size();
        Response<Map<String, String>>[] sessions = new Response[n];
        Response<Long>[] routes = new Response[n];
        lookUp(batch, sessions, routes);
        SessionInfo[] senders = new SessionInfo[n];
        List<PrivateMessageRules.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PushDraft d = (PushDraft) batch.get(i).draft();
            PushRequest r = d.request();
            senders[i] = d.token() == null ? new SessionInfo(r.fromUserId(), r.fromUserName())
                    : SessionStore.session(sessions[i]);
            if (senders[i] != null && d.problem() == null && r.op() == Ops.SINGLE && r.toUserId() > 0) {
                pairs.add(new PrivateMessageRules.Pair(senders[i].userId(), r.toUserId()));
            }
        }
        Map<PrivateMessageRules.Pair, String> refusals;
        try {
            refusals = rules.refusals(pairs);
        } catch (RuntimeException e) {   // the database is away: refuse rather than let a blocked user through
            log.warn("could not check who may write to whom for {} private messages: {}", pairs.size(), e.toString());
            refusals = null;
        }
        for (int i = 0; i < n; i++) {
            Submission s = batch.get(i);
            PushDraft d = (PushDraft) s.draft();
            PushRequest r = d.request();
            if (senders[i] == null) {
                s.refuse(PushReply.badSession());
                continue;
            }
            long from = senders[i].userId();
            String fromName = senders[i].userName();
            PushReply limited = senderCheck.apply(from);
            if (limited != null) {
                s.refuse(limited);
            } else if (d.problem() != null) {
                s.refuse(PushReply.refused(d.problem()));
            } else if (r.op() == Ops.SINGLE) {
                toUser(s, d, from, fromName, routes[i], refusals);
            } else {
                long id = nextId(s);
                if (id < 0) {
                    continue;
                }
                long now = Snowflake.millisOf(id);
                String body = MessageBodies.withType(MessageBodies.roomMessage(id, now, from, fromName, r.roomId(),
                        r.msg()), d.typed());
                assigned(d, id);
                s.accept(StoredMessage.roomMessage(id, from, r.roomId(), body, now), "ok", r.clientMsgId());
            }
        }
    }

    /** A new id, or -1 after refusing {@code s} as busy while this server holds no message-id worker. */
    private long nextId(Submission s) {
        try {
            return ids.next();
        } catch (IdsUnavailableException e) {
            s.refuse(PushReply.refused(e.getMessage()));
            return -1;
        }
    }

    private static void assigned(PushDraft d, long id) {
        if (d.typed() != null) {
            d.typed().assigned(id);
        }
    }

    /** One round trip for the whole batch (none when nothing needs Redis). */
    private void lookUp(List<Submission> batch, Response<Map<String, String>>[] sessions, Response<Long>[] routes) {
        AbstractPipeline pipeline = null;
        try {
            for (int i = 0; i < batch.size(); i++) {
                PushDraft d = (PushDraft) batch.get(i).draft();
                boolean needsRoute = d.problem() == null && d.request().op() == Ops.SINGLE && d.request().toUserId() > 0;
                if (d.token() == null && !needsRoute) {
                    continue;
                }
                if (pipeline == null) {
                    pipeline = redis.pipelined();
                }
                if (d.token() != null) {
                    sessions[i] = SessionStore.find(pipeline, d.token());
                }
                if (needsRoute) {
                    routes[i] = UserRoutes.serverCount(pipeline, d.request().toUserId());
                }
            }
            if (pipeline != null) {
                pipeline.sync();
            }
        } finally {
            if (pipeline != null) {
                pipeline.close();   // hands the connection back
            }
        }
    }

    /** A user with no live connection gets the message when they next connect (unacknowledged set). */
    private void toUser(Submission s, PushDraft d, long from, String fromName, Response<Long> route,
                        Map<PrivateMessageRules.Pair, String> refusals) {
        PushRequest r = d.request();
        String toName = r.toUserId() > 0 ? accounts.userName(r.toUserId()) : null;
        if (toName == null) {
            s.refuse(PushReply.refused("no user with id " + r.toUserId()));
            return;
        }
        String refusal = refusals == null ? "cannot check now whether user " + r.toUserId()
                + " accepts your messages; try again" : refusals.get(new PrivateMessageRules.Pair(from, r.toUserId()));
        if (refusal != null) {
            s.refuse(PushReply.refused(refusal));
            return;
        }
        boolean online = route != null && route.get() > 0;
        long id = nextId(s);
        if (id < 0) {
            return;
        }
        long now = Snowflake.millisOf(id);
        String body = MessageBodies.withType(MessageBodies.privateMessage(id, now, from, fromName, r.toUserId(), toName,
                r.roomId(), r.msg()), d.typed());
        assigned(d, id);
        s.accept(StoredMessage.privateMessage(id, from, r.toUserId(), r.roomId(), body, now),
                online ? "ok" : STORED_FOR_OFFLINE, r.clientMsgId());
    }
}
