package io.gochat.logic.user;

import io.gochat.protocol.service.AuthReply;
import io.gochat.logic.session.SessionStore;
import io.gochat.logic.storage.UserDatabase;
import io.gochat.logic.storage.UserRow;
import org.apache.ibatis.exceptions.PersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Register and login (blocking: call it from logic's own worker threads). Messages are gochat's. */
public final class AccountService {
    public static final String NAME_TAKEN = "this user name already have , please login !!!";
    public static final String BAD_LOGIN = "no this user or password error!";
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final UserDatabase db;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final UserNames names = new UserNames(100_000);

    public AccountService(UserDatabase db, SessionStore sessions, PasswordHasher hasher) {
        this.db = db;
        this.sessions = sessions;
        this.hasher = hasher;
    }

    public AuthReply register(String userName, String password) {
        String problem = Credentials.problem(userName, password);
        if (problem != null) {
            return AuthReply.fail(problem);
        }
        if (db.withUsers(m -> m.findByName(userName)) != null) {
            return AuthReply.fail(NAME_TAKEN);
        }
        UserRow row = new UserRow(userName, hasher.hash(password));
        try {
            db.withUsers(m -> m.insert(row));
        } catch (PersistenceException e) {
            // Two registrations of one name raced (maybe on two logic servers); the unique key let one in.
            if (UserDatabase.isDuplicateKey(e)) {
                return AuthReply.fail(NAME_TAKEN);
            }
            throw e;
        }
        log.atInfo().addKeyValue("userId", row.getId()).log("registered user {} ({})", row.getId(), userName);
        return AuthReply.ok("register success", sessions.open(row.getId(), userName));
    }

    public AuthReply login(String userName, String password) {
        String problem = Credentials.problem(userName, password);
        if (problem != null) {
            return AuthReply.fail(BAD_LOGIN);
        }
        UserRow row = db.withUsers(m -> m.findByName(userName));
        if (row == null) {
            hasher.verifyDecoy(password);   // same cost as a wrong password: names cannot be probed by timing
            return AuthReply.fail(BAD_LOGIN);
        }
        if (!passwordMatches(row, password)) {
            return AuthReply.fail(BAD_LOGIN);
        }
        return AuthReply.ok("login success", sessions.open(row.getId(), row.getUserName()));
    }

    /** The user's name, or null if there is no such user. */
    public String userName(long userId) {
        return names.get(userId, id -> {
            UserRow row = db.withUsers(m -> m.findById(id));
            return row == null ? null : row.getUserName();
        });
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
        return hasher.verify(password, row.getPassword());
    }
}
