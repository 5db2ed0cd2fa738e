package io.switchboard.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something done that an administrator can look up later in the audit trail, published as an
 * application event by the module that did it; the audit module records and logs it. Modules
 * publish it without depending on the audit module. Details never hold a secret or a password.
 *
 * @param actor who did it: a username, or {@code null} for whoever is signed in on the publishing
 *     thread ({@code system} when nobody is)
 * @param action what was done
 * @param target what it was done to, such as {@code pbx-settings} or {@code sync-run/<id>}
 * @param details what changed; a settings change carries {@code before} and {@code after}, which
 *     the audit trail reduces to the fields that differ
 */
public record Audited(String actor, Action action, String target, Map<String, Object> details) {

    /** The kinds of audited events; stable names, served as {@code action} by the API. */
    public enum Action {
        /** Settings were saved with at least one changed value. */
        SETTINGS_CHANGED,
        /** A sync run started. */
        SYNC_STARTED,
        /** A sync run ended, with its state and counts. */
        SYNC_FINISHED,
        /** The administrator approved held deletions, which were carried out. */
        DELETIONS_APPROVED,
        /** The administrator discarded held deletions; the objects stay. */
        DELETIONS_DISCARDED,
        /** The integration connected to a Microsoft Entra tenant. */
        CONNECTED,
        /** A sign-in with Microsoft was cancelled or failed. */
        CONNECT_FAILED,
        /** The integration was disconnected from its tenant. */
        DISCONNECTED,
        /** The integration was disabled. */
        DISABLED,
        /** The integration was enabled again. */
        ENABLED,
        /** Someone signed in with a username and password. */
        SIGNED_IN,
        /** A sign-in with a username and password failed. */
        SIGN_IN_FAILED,
        /** The administrator's password was changed. */
        PASSWORD_CHANGED
    }

    public Audited {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** An event done by whoever is signed in on the current thread. */
    public static Audited of(Action action, String target, Map<String, ?> details) {
        return new Audited(null, action, target, copy(details));
    }

    /** An event done by the named actor. */
    public static Audited by(String actor, Action action, String target, Map<String, ?> details) {
        return new Audited(actor, action, target, copy(details));
    }

    /** A settings change: the audit trail keeps the fields that differ between the two documents. */
    public static Audited settingsChanged(String target, Object before, Object after) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", before);
        details.put("after", after);
        return new Audited(null, Action.SETTINGS_CHANGED, target, details);
    }

    /** Details in the order given, {@code null} values allowed. */
    public static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> copy(Map<String, ?> details) {
        return details == null ? Map.of() : new LinkedHashMap<>(details);
    }
}
