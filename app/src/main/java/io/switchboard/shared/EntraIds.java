package io.switchboard.shared;

import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Entra ID object ids: GUIDs such as {@code 6d1c8a55-0c3a-4c55-a1c9-6c1f1f9ad001}. */
public final class EntraIds {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private EntraIds() {}

    public static boolean isObjectId(String id) {
        return id != null && GUID.matcher(id).matches();
    }

    /**
     * Refuses a request body whose {@code field} is a list holding text that is no Entra object id,
     * naming the field and the first bad item. Other shapes are left to the body's own reading.
     *
     * @throws ProblemException {@code VALIDATION_FAILED} naming {@code field}
     */
    public static void requireObjectIds(JsonNode body, String field) {
        JsonNode ids = body == null ? null : body.get(field);
        if (ids == null || !ids.isArray()) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            JsonNode id = ids.get(i);
            if (id.isString() && !isObjectId(id.asString())) {
                throw ProblemException.invalid(
                        field,
                        "must hold Entra object ids (GUIDs such as 6d1c8a55-0c3a-4c55-a1c9-6c1f1f9ad001); item " + i
                                + " is not one. Pick the groups in the portal, or copy their object ids from the"
                                + " Microsoft Entra admin center");
            }
        }
    }
}
