package io.gochat.api.routes;

import io.gochat.api.http.Endpoint;
import io.gochat.cluster.rpc.RpcClientPool;
import io.gochat.protocol.service.ContactsService;
import io.gochat.protocol.service.ProfileReply;
import io.gochat.protocol.service.ProfileUpdate;
import io.gochat.protocol.service.UserListReply;
import io.javalin.config.RoutesConfig;

/**
 * {@code /user/profile}, {@code /user/profile/update} and {@code /user/search}: one's own profile and
 * others' as one may see them (invisible users and users who blocked you show as offline), and lookup by
 * name or nickname prefix. Password changes stay {@code /user/password}.
 */
public final class ProfileRoutes {
    private final ContactRoutes calls;

    public ProfileRoutes(RpcClientPool<ContactsService> contacts) {
        this.calls = new ContactRoutes(contacts);
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/user/profile", Endpoint.of(b -> {
            String token = ContactRoutes.token(b);
            long userId = ContactFields.optionalId(b, "userId");
            return calls.call(token, (c, t) -> userId > 0 ? c.profile(t, userId) : c.myProfile(t),
                    (ProfileReply r) -> ContactAnswers.of(r.code(), r.message(), r.profile()));
        }));
        routes.post("/user/profile/update", Endpoint.of(b -> {
            String token = ContactRoutes.token(b);
            ProfileUpdate update = new ProfileUpdate(ContactRoutes.text(b, "nickname"), ContactRoutes.text(b, "avatarUrl"),
                    ContactRoutes.text(b, "bio"), ContactRoutes.text(b, "status"));
            return calls.call(token, (c, t) -> c.updateProfile(t, update),
                    (ProfileReply r) -> ContactAnswers.of(r.code(), r.message(), r.profile()));
        }));
        routes.post("/user/search", Endpoint.of(b -> {
            String token = ContactRoutes.token(b);
            String prefix = ContactRoutes.text(b, "prefix");
            int offset = ContactFields.optionalCount(b, "offset");
            int limit = ContactFields.optionalCount(b, "limit");
            return calls.call(token, (c, t) -> c.searchUsers(t, prefix, offset, limit),
                    (UserListReply r) -> ContactAnswers.of(r.code(), r.message(), r.users()));
        }));
    }
}
