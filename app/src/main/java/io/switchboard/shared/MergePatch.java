package io.switchboard.shared;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396) over a flat settable document: the fields present in the patch
 * replace the current ones ({@code null} clears), the others stay. Reading the merged document
 * goes through the mapper, so unknown fields and wrong types are refused as in any request body.
 */
public final class MergePatch {

    private MergePatch() {}

    public static <T> T apply(JsonMapper mapper, T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(
                    ProblemCode.VALIDATION_FAILED,
                    "The body must be a JSON object holding the fields to change, such as {\"presence\": \"AWAY\"}.");
        }
        ObjectNode merged = mapper.valueToTree(current);
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            merged.set(field.getKey(), field.getValue());
        }
        return mapper.treeToValue(merged, type);
    }
}
