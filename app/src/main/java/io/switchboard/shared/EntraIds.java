package io.switchboard.shared;

import java.util.List;
import java.util.regex.Pattern;

/** Entra ID object ids: GUIDs such as {@code 6d1c8a55-0c3a-4c55-a1c9-6c1f1f9ad001}. */
public final class EntraIds {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private EntraIds() {}

    public static boolean isObjectId(String id) {
        return id != null && GUID.matcher(id).matches();
    }

    /**
     * Refuses a list naming anything but Entra object ids, with the field and the first bad one.
     *
     * @throws ProblemException {@code VALIDATION_FAILED} naming {@code field}
     */
    public static void requireObjectIds(String field, List<String> ids) {
        for (int i = 0; i < ids.size(); i++) {
            if (!isObjectId(ids.get(i))) {
                throw ProblemException.invalid(
                        field,
                        "must hold Entra object ids (GUIDs such as 6d1c8a55-0c3a-4c55-a1c9-6c1f1f9ad001); item " + i
                                + " is not one. Copy the ids from the group picker or the Entra admin center");
            }
        }
    }
}
