package io.gochat.logic.contacts;

import io.gochat.logic.user.UserNamePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.Locale;

/** What nicknames, bios, remarks, notes and avatar URLs may be; each check answers a sentence or null. */
final class ProfileText {
    static final int MAX_NICKNAME = 40;
    static final int MAX_BIO = 280;
    static final int MAX_REMARK = 40;
    static final int MAX_NOTE = 200;
    static final int MAX_URL = 512;

    private ProfileText() {
    }

    /** NFKC and trimmed, as stored. */
    static String clean(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFKC).strip();
    }

    /** A short one-line text (nickname, remark, note): at most {@code max} characters, no control or format characters. */
    static String lineProblem(String field, String value, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            return field + " must be at most " + max + " characters";
        }
        return value.codePoints().anyMatch(ProfileText::hidden) ? field + " must not contain control or invisible characters"
                : null;
    }

    /** A bio may hold line breaks. */
    static String bioProblem(String value) {
        if (value.codePointCount(0, value.length()) > MAX_BIO) {
            return "bio must be at most " + MAX_BIO + " characters";
        }
        return value.codePoints().anyMatch(c -> c != '\n' && hidden(c))
                ? "bio must not contain control or invisible characters" : null;
    }

    /** Empty (no avatar) or an absolute http(s) URL. */
    static String urlProblem(String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_URL) {
            return "avatarUrl must be at most " + MAX_URL + " characters";
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return null;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        return "avatarUrl must be an http or https URL";
    }

    /** The search key of a nickname or name prefix: as user names are keyed (NFKC, case folded). */
    static String key(String s) {
        return UserNamePolicy.key(s);
    }

    private static boolean hidden(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }
}
