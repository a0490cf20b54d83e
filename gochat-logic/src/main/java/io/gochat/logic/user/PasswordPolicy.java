package io.gochat.logic.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be (at registration and password change; existing passwords keep working):
 * at least {@code password.minLength} characters, not the user name, not one character repeated, and
 * not on the bundled list of common passwords ({@code common-passwords.txt}, compared case-insensitively).
 */
public final class PasswordPolicy {
    static final String LIST = "/io/gochat/logic/user/common-passwords.txt";
    private static final Set<String> COMMON = load();

    private final int minLength;
    private final boolean refuseCommon;

    public PasswordPolicy(int minLength, boolean refuseCommon) {
        this.minLength = Math.max(1, minLength);
        this.refuseCommon = refuseCommon;
    }

    /** Null if {@code password} may be set for {@code userName}, else a reason a person can read. */
    public String problem(String userName, String password) {
        if (password.codePointCount(0, password.length()) < minLength) {
            return "passWord must have at least " + minLength + " characters";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (refuseCommon && COMMON.contains(lower)) {
            return "passWord is too common (it is on lists attackers try first); choose another";
        }
        if (refuseCommon && (lower.equals(UserNamePolicy.key(userName)) || lower.codePoints().distinct().count() == 1)) {
            return "passWord is too easy to guess; choose another";
        }
        return null;
    }

    static boolean isCommon(String password) {
        return COMMON.contains(password.toLowerCase(Locale.ROOT));
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " missing from the jar");
            }
            Set<String> words = new HashSet<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                r.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .forEach(l -> words.add(l.toLowerCase(Locale.ROOT)));
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
