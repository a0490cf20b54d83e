package io.gochat.logic.user;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * User names that cannot impersonate each other. A name is stored NFKC-normalised (full-width,
 * ligature and NBSP variants become their plain form) and compared by its {@link #key}: NFKC plus
 * case folding, so "Alice", "ALICE" and "ａｌｉｃｅ" are one name. Refused at registration: control,
 * zero-width and bidi characters (invisible), anything but letters, digits, marks, single inner spaces
 * and {@code - _ . '}, names mixing writing systems (Latin "pаypal" with a Cyrillic а) beyond the
 * combinations Unicode TS #39 calls highly restrictive (Latin with Han and Japanese kana, Han with
 * Bopomofo or Hangul), and names written entirely in Cyrillic or Greek letters that look Latin.
 */
public final class UserNamePolicy {
    private static final List<Set<UnicodeScript>> ALLOWED_MIXES = List.of(
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));
    /** Cyrillic and Greek letters that are drawn like Latin ones (from Unicode's confusables list). */
    private static final String LATIN_LOOKALIKES = "аеорсухѕіјԁһӏԛԝвкмнтАВЕКМНОРСТХУЅІЈԚԜ"
            + "οντικυαΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";

    private UserNamePolicy() {
    }

    /** The stored form of a name as typed: NFKC. */
    public static String normalize(String name) {
        return name == null ? null : Normalizer.normalize(name, Normalizer.Form.NFKC);
    }

    /** What two names must differ in to be two users: NFKC and full case folding. */
    public static String key(String name) {
        String n = normalize(name);
        return n == null ? null
                : Normalizer.normalize(n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    /** Null if the (normalised) name may be registered, else a reason a person can read. */
    public static String problem(String normalized) {
        if (normalized.isEmpty()) {
            return "userName is required";
        }
        if (normalized.startsWith(" ") || normalized.endsWith(" ") || normalized.contains("  ")) {
            return "userName must not start or end with a space, nor hold two in a row";
        }
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        boolean allLookalikes = true;
        int previous = -1;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return "userName contains invisible or control characters (zero-width, bidi, ...)";
            }
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            if (mark && (previous < 0 || !Character.isLetter(previous))) {
                return "userName has a combining mark that is not on a letter";
            }
            if (!Character.isLetterOrDigit(cp) && !mark && " -_.'".indexOf(cp) < 0) {
                return "userName may only contain letters, digits, spaces and - _ . '";
            }
            UnicodeScript script = UnicodeScript.of(cp);
            if (script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED) {
                scripts.add(script);
            }
            if (Character.isLetter(cp) && LATIN_LOOKALIKES.indexOf(cp) < 0) {
                allLookalikes = false;
            }
            previous = cp;
        }
        if (scripts.size() > 1 && ALLOWED_MIXES.stream().noneMatch(m -> m.containsAll(scripts))) {
            return "userName mixes writing systems " + scripts.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList()
                    + "; use one";
        }
        if (allLookalikes && (scripts.contains(UnicodeScript.CYRILLIC) || scripts.contains(UnicodeScript.GREEK))) {
            return "userName looks like a Latin name written in other letters";
        }
        return null;
    }
}
