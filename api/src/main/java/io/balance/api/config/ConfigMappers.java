package io.balance.api.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.time.Duration;

/**
 * The Jackson mappers for the config model: snake_case YAML for the Balance file, snake_case
 * JSON for the admin API. Durations read and write in Go's spelling.
 */
public final class ConfigMappers {

    private ConfigMappers() {
    }

    /** The Balance file format. */
    public static ObjectMapper yaml() {
        YAMLFactory factory = YAMLFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        return configure(YAMLMapper.builder(factory), PropertyNamingStrategies.SNAKE_CASE).build();
    }

    /** The admin API's JSON, spelled like the file. */
    public static ObjectMapper json() {
        return configure(JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION),
                PropertyNamingStrategies.SNAKE_CASE).build();
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(
            B builder, PropertyNamingStrategy naming) {
        return builder
                .propertyNamingStrategy(naming)
                .addModule(goDurations())
                .addModule(wholeNumbers())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // an entry, section or list written with nothing after it ("- ", "health_check:", "backends:") is
                // empty, as "~" is, and the rules say what belongs there
                .withCoercionConfig(LogicalType.POJO, c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull))
                .withCoercionConfig(LogicalType.Collection, c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull));
    }

    /**
     * Whole numbers that stay whole: {@code weight: 1.5} and {@code weight: 99999999999} are
     * reported as problems at their path instead of being truncated or aborting the whole file.
     */
    public static SimpleModule wholeNumbers() {
        SimpleModule module = new SimpleModule("whole-numbers");
        JsonDeserializer<Integer> standard = new NumberDeserializers.IntegerDeserializer(Integer.class, null);
        module.addDeserializer(Integer.class, new JsonDeserializer<>() {
            @Override
            public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonToken token = p.currentToken();
                if (token == JsonToken.VALUE_NUMBER_FLOAT
                        || (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.INT)) {
                    return (Integer) ctxt.handleWeirdNumberValue(Integer.class, p.getNumberValue(), "not an int");
                }
                return standard.deserialize(p, ctxt);
            }
        });
        return module;
    }

    /** Go-style duration strings ({@code 5s}, {@code 100ms}) for {@link Duration}. */
    public static SimpleModule goDurations() {
        SimpleModule module = new SimpleModule("go-durations");
        module.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonToken token = p.currentToken();
                if (token == JsonToken.VALUE_NUMBER_INT && p.getLongValue() == 0) {
                    return Duration.ZERO;
                }
                if (!token.isNumeric() && token != JsonToken.VALUE_STRING) {
                    return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
                }
                if (token.isNumeric()) {
                    return (Duration) ctxt.handleWeirdStringValue(Duration.class, p.getText(),
                            "a duration needs a unit, e.g. 5s or 100ms");
                }
                String text = p.getText();
                try {
                    return GoDuration.parse(text);
                } catch (IllegalArgumentException e) {
                    return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, e.getMessage());
                }
            }
        });
        module.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(GoDuration.format(value));
            }
        });
        return module;
    }
}
