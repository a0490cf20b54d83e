package io.gochat.logic.groups;

import java.util.Locale;

/** Checks what users type into a group's card and their nickname; a bad field is a {@link Refused} naming it. */
final class GroupFields {
    static final int NAME_MAX = 64;
    static final int AVATAR_MAX = 512;
    static final int NOTICE_MAX = 2048;
    static final int NICKNAME_MAX = 32;
    static final int NOTE_MAX = 256;

    private GroupFields() {
    }

    static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new Refused("name is required");
        }
        return checked("name", n, NAME_MAX);
    }

    /** An http(s) URL, or empty for none. */
    static String avatar(String avatar) {
        String a = avatar == null ? "" : avatar.strip();
        if (!a.isEmpty() && !(a.startsWith("https://") || a.startsWith("http://"))) {
            throw new Refused("avatar must be an http or https URL");
        }
        return checked("avatar", a, AVATAR_MAX);
    }

    static String notice(String notice) {
        return checked("notice", notice == null ? "" : notice.strip(), NOTICE_MAX);
    }

    static String nickname(String nickname) {
        return checked("nickname", nickname == null ? "" : nickname.strip(), NICKNAME_MAX);
    }

    static String note(String note) {
        return checked("note", note == null ? "" : note.strip(), NOTE_MAX);
    }

    static JoinPolicy policy(String policy, JoinPolicy fallback) {
        if (policy == null || policy.isBlank()) {
            return fallback;
        }
        JoinPolicy p = JoinPolicy.of(policy);
        if (p == null) {
            throw new Refused("joinPolicy must be open, approval or invite");
        }
        return p;
    }

    /** The lower-case form names are searched by. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String checked(String field, String value, int max) {
        if (value.codePointCount(0, value.length()) > max) {
            throw new Refused(field + " must be at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && !(field.equals("notice") && (c == '\n' || c == '\t'))) {
                throw new Refused(field + " must not contain control characters");
            }
        }
        return value;
    }
}
