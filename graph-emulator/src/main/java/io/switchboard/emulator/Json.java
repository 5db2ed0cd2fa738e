package io.switchboard.emulator;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The single JSON mapper of the emulator; bodies are handled as plain maps, lists and scalars. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    static String writeString(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Parses a JSON object; throws {@link IllegalArgumentException} for anything else. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(byte[] body) {
        try {
            Object value = MAPPER.readValue(body, Object.class);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("a JSON object is required");
    }
}
