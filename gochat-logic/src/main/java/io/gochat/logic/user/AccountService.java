package io.gochat.logic.user;

import io.gochat.core.ratelimit.KeyedLimiter;
import io.gochat.logic.security.LoginLockout;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.logic.storage.UserRow;
import io.gochat.protocol.service.AuthReply;
import io.gochat.protocol.service.SessionInfo;
import io.gochat.protocol.service.TokenReply;
import org.apache.ibatis.exceptions.PersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Register, login, password change and account deletion (blocking, and CPU-heavy because of password
 * hashing: call it from logic's hashing pool). Messages are gochat's where gochat had the route.
 */
public final class AccountService {
    public static final String NAME_TAKEN = "this user name already have , please login !!!";
    public static final String BAD_LOGIN = "no this user or password error!";
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final UserDatabase db;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginLockout lockout;
    private final boolean singleTokens;
    private final boolean registrationOpen;
    private final UserNames names = new UserNames(100_000);

    public AccountService(UserDatabase db, SessionStore sessions, PasswordHasher hasher) {
        this(db, sessions, hasher, new PasswordPolicy(1, false), new LoginLockout(java.util.List.of()), true);
    }

    /**
     * @param singleTokens gochat's login and register hand out one long-lived token ({@code session.single});
     *                     else an access token (its refresh token only comes from {@link #loginForTokens})
     */
    public AccountService(UserDatabase db, SessionStore sessions, PasswordHasher hasher, PasswordPolicy policy,
                          LoginLockout lockout, boolean singleTokens) {
        this(db, sessions, hasher, policy, lockout, singleTokens, true);
    }

    /** @param registrationOpen {@code registration.enabled}: false refuses every registration */
    public AccountService(UserDatabase db, SessionStore sessions, PasswordHasher hasher, PasswordPolicy policy,
                          LoginLockout lockout, boolean singleTokens, boolean registrationOpen) {
        this.registrationOpen = registrationOpen;
        this.db = db;
        this.sessions = sessions;
        this.hasher = hasher;
        this.policy = policy;
        this.lockout = lockout;
        this.singleTokens = singleTokens;
    }

    public static final String REGISTRATION_CLOSED = "registration is closed on this server";

    public AuthReply register(String userName, String password) {
        if (!registrationOpen) {
            return AuthReply.fail(REGISTRATION_CLOSED);
        }
        String problem = Credentials.problem(userName, password);
        if (problem != null) {
            return AuthReply.fail(problem);
        }
        String name = UserNamePolicy.normalize(userName);
        problem = UserNamePolicy.problem(name);
        if (problem == null) {
            problem = policy.problem(name, password);
        }
        if (problem != null) {
            return AuthReply.fail(problem);
        }
        String key = UserNamePolicy.key(name);
        // compared by key (case, width, ligatures...) and by the exact name (users from before keys)
        if (db.withUsers(m -> m.findByNameKey(key)) != null || db.withUsers(m -> m.findByName(name)) != null) {
            return AuthReply.fail(NAME_TAKEN);
        }
        UserRow row = new UserRow(name, hasher.hash(password));
        row.setNameKey(key);
        try {
            db.withUsers(m -> m.insert(row));
        } catch (PersistenceException e) {
            // Two registrations of one name raced (maybe on two logic servers); the unique keys let one in.
            if (UserDatabase.isDuplicateKey(e)) {
                return AuthReply.fail(NAME_TAKEN);
            }
            throw e;
        }
        log.atInfo().addKeyValue("userId", row.getId()).log("registered user {} ({})", row.getId(), name);
        return AuthReply.ok("register success", newToken(row.getId(), name));
    }

    public AuthReply login(String userName, String password) {
        Checked checked = authenticate(userName, password);
        if (checked.refusal != null) {
            return AuthReply.fail(checked.refusal);
        }
        return AuthReply.ok("login success", newToken(checked.row.getId(), checked.row.getUserName()));
    }

    /** Login for an access + refresh token pair. */
    public TokenReply loginForTokens(String userName, String password) {
        Checked checked = authenticate(userName, password);
        if (checked.refusal != null) {
            return TokenReply.fail(checked.refusal);
        }
        return pair("login success", sessions.openPair(checked.row.getId(), checked.row.getUserName()));
    }

    /** A refresh token (usable once) for a new pair; 40000 if it is unknown, used, expired or its user is gone. */
    public TokenReply refresh(String refreshToken) {
        SessionInfo owner = sessions.takeRefresh(refreshToken);
        if (owner == null || db.withUsers(m -> m.findById(owner.userId())) == null) {
            return TokenReply.badSession();
        }
        return pair("refresh success", sessions.openPair(owner.userId(), owner.userName()));
    }

    /** Checks the current password and stores the new one; the caller then ends every session of the user. */
    public AuthReply changePassword(SessionInfo session, String password, String newPassword) {
        UserRow row = db.withUsers(m -> m.findById(session.userId()));
        if (row == null) {
            return AuthReply.fail("no such user");
        }
        String problem = newPassword == null || newPassword.isEmpty() ? "newPassWord is required"
                : newPassword.length() > Credentials.MAX_PASSWORD_LENGTH
                ? "newPassWord is longer than " + Credentials.MAX_PASSWORD_LENGTH + " characters"
                : policy.problem(row.getUserName(), newPassword);
        if (problem != null) {
            return AuthReply.fail(problem.replace("passWord", "newPassWord"));
        }
        Checked checked = authenticate(row.getUserName(), password);
        if (checked.refusal != null) {
            return AuthReply.fail(checked.refusal.equals(BAD_LOGIN) ? "wrong password" : checked.refusal);
        }
        db.withUsers(m -> m.updatePassword(row.getId(), hasher.hash(newPassword)));
        log.info("user {} changed their password: every session ends", row.getId());
        return AuthReply.ok("password changed, please log in again", null);
    }

    /** Checks the password and deletes the user; the caller then ends every session of the user. */
    public AuthReply delete(SessionInfo session, String password) {
        UserRow row = db.withUsers(m -> m.findById(session.userId()));
        if (row == null) {
            return AuthReply.fail("no such user");
        }
        Checked checked = authenticate(row.getUserName(), password);
        if (checked.refusal != null) {
            return AuthReply.fail(checked.refusal.equals(BAD_LOGIN) ? "wrong password" : checked.refusal);
        }
        db.withUsers(m -> m.deleteById(row.getId()));
        names.forget(row.getId());
        log.info("deleted user {} ({})", row.getId(), row.getUserName());
        return AuthReply.ok("account deleted", null);
    }

    /** The user's name, or null if there is no such user. */
    public String userName(long userId) {
        return names.get(userId, id -> {
            UserRow row = db.withUsers(m -> m.findById(id));
            return row == null ? null : row.getUserName();
        });
    }

    private String newToken(long userId, String name) {
        return singleTokens ? sessions.open(userId, name) : sessions.openPair(userId, name).access();
    }

    private TokenReply pair(String message, SessionStore.Pair p) {
        return TokenReply.ok(message, p.access(), p.refresh(), sessions.accessTtlSeconds(), sessions.refreshTtlSeconds());
    }

    private record Checked(UserRow row, String refusal) {
    }

    /**
     * The user if the password is right. An account locked by wrong passwords is refused before any
     * hashing; a missing user costs one hash too (names cannot be probed by timing) and counts as a failure.
     */
    private Checked authenticate(String userName, String password) {
        if (Credentials.problem(userName, password) != null) {
            return new Checked(null, BAD_LOGIN);
        }
        String key = UserNamePolicy.key(userName);
        long locked = lockout.lockedFor(key);
        if (locked > 0) {
            return new Checked(null, KeyedLimiter.tooMany(locked));
        }
        // the exact name first: users registered before names were keyed keep their login
        UserRow row = db.withUsers(m -> m.findByName(userName));
        if (row == null) {
            row = db.withUsers(m -> m.findByNameKey(key));
        }
        if (row == null) {
            hasher.verifyDecoy(password);
            lockout.failed(key);
            return new Checked(null, BAD_LOGIN);
        }
        if (!passwordMatches(row, password)) {
            lockout.failed(key);
            return new Checked(null, BAD_LOGIN);
        }
        lockout.succeeded(key);
        return new Checked(row, null);
    }

    private boolean passwordMatches(UserRow row, String password) {
        if (LegacySha1.isLegacy(row.getPassword())) {
            if (!LegacySha1.matches(password, row.getPassword())) {
                return false;
            }
            db.withUsers(m -> m.updatePassword(row.getId(), hasher.hash(password)));
            log.info("upgraded the SHA-1 password of user {} to PBKDF2", row.getId());
            return true;
        }
        if (!hasher.verify(password, row.getPassword())) {
            return false;
        }
        if (hasher.needsUpgrade(row.getPassword())) {
            db.withUsers(m -> m.updatePassword(row.getId(), hasher.hash(password)));
            log.info("re-hashed the password of user {} with more PBKDF2 iterations", row.getId());
        }
        return true;
    }
}
