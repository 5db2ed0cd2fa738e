package io.switchboard.reconcile;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable code of a {@link Change}'s reason. The planner writes each reason from its code's
 * English text (kept in the plan, the API and the stored results); the portal words the code in
 * the admin's language, with the values the English text carries.
 */
public enum ChangeReason {
    NEW_USER("new user in range"),
    USER_CHANGED("user information changed in Microsoft Entra ID"),
    SAME_EMAIL("extension %s has the same email as the user (U4)"),
    USER_DELETED("its user account was deleted from Microsoft Entra ID"),
    USER_DELETED_KEPT("its user account was deleted; the extension is kept for PBX management"),
    USER_DISABLED("its user account is disabled"),
    USER_OUT_OF_RANGE("its user is no longer in the user-sync range"),
    USER_OUT_OF_RANGE_KEPT("its user left the user-sync range; the extension is kept for PBX management"),
    NEW_GROUP("new group in range"),
    GROUP_CHANGED("the Entra group's name or members changed"),
    GROUP_OUT_OF_RANGE("its Entra group left the group-sync range"),
    GROUP_DELETED("its Entra group was deleted"),
    GROUP_OUT_OF_RANGE_KEPT("its Entra group left the group-sync range; kept for PBX management"),
    GROUP_DELETED_KEPT("its Entra group was deleted; kept for PBX management");

    /** A reason recognised: its code and the values its text carries. */
    public record Recognised(ChangeReason code, List<String> values) {}

    private final String english;
    private final Pattern pattern;

    /** The text when it takes no values, as it is; null when it does. */
    private final String plain;

    ChangeReason(String english) {
        this.english = english;
        this.pattern = Pattern.compile(Pattern.quote(english).replace("%s", "\\E(.+?)\\Q"));
        this.plain = english.contains("%") ? null : english;
    }

    /**
     * The English text, with its values. A text without a {@code %} formats to itself, so it is
     * not formatted again for each of the many changes a large plan gives the same reason.
     */
    public String text(Object... values) {
        return plain != null ? plain : english.formatted(values);
    }

    /** The code of a reason the planner wrote; empty for any other text. */
    public static Optional<Recognised> of(String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        for (ChangeReason code : values()) {
            Matcher m = code.pattern.matcher(reason);
            if (m.matches()) {
                List<String> found = new java.util.ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    found.add(m.group(i));
                }
                return Optional.of(new Recognised(code, List.copyOf(found)));
            }
        }
        return Optional.empty();
    }
}
