package io.switchboard.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read strictly, once for the app's mapper: a number is not an enum index, and
 * a number or a boolean is not silently turned into text (nor text into a boolean); a key given
 * twice, {@code null} for a true-or-false field or inside a list (a field left out still takes
 * its default), text with a lone UTF-16 surrogate, trailing data
 * after the document and a number for an ISO-8601 duration are refused, so a wrong value gets a
 * clear 400 instead of a guess.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .withConfigOverride(List.class, o -> o.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
                .withConfigOverride(Set.class, o -> o.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
                .addModule(new SimpleModule("strict-values")
                        .addDeserializer(String.class, new StrictStringDeserializer())
                        .addDeserializer(Boolean.class, new StrictBooleanDeserializer())
                        .addDeserializer(Duration.class, new IsoDurationDeserializer()))
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    }

    /** Whether the text holds a UTF-16 surrogate without its pair, which is no Unicode character. */
    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Text as the standard reader gives it, refused when it holds a lone surrogate. */
    static final class StrictStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = super.deserialize(p, ctxt);
            if (text != null && hasLoneSurrogate(text)) {
                throw new BadJsonValue("holds a lone UTF-16 surrogate (an escape such as \\uD800 without its pair);"
                        + " send valid Unicode text");
            }
            return text;
        }
    }

    /**
     * {@code true} or {@code false} and nothing else: an explicit {@code null} is refused, while a
     * field left out still takes its default.
     */
    static final class StrictBooleanDeserializer extends ValueDeserializer<Boolean> {

        private static final String RULE = "must be true or false";

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) {
            return switch (p.currentToken()) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> throw new BadJsonValue(RULE);
            };
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctxt) {
            throw new BadJsonValue(RULE + ", not null; leave the field out to keep its value");
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Boolean;
        }
    }

    /** An ISO-8601 duration such as {@code "PT10M"}; a number or any other JSON type is refused. */
    static final class IsoDurationDeserializer extends ValueDeserializer<Duration> {

        private static final String RULE = "must be an ISO-8601 duration in quotes, such as \"PT10M\" or \"PT0S\"";

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new BadJsonValue(RULE);
            }
            try {
                return Duration.parse(p.getString().strip());
            } catch (DateTimeParseException e) {
                throw new BadJsonValue(RULE);
            }
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }
}
