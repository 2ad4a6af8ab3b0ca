package io.balance.api.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.balance.api.validation.FieldPath;
import io.balance.api.validation.PathStyle;
import io.balance.api.validation.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads the Balance file format (snake_case YAML) or its JSON twin into a {@link ProxyConfig}.
 * Unknown keys and mistyped values are collected as problems with their paths, not thrown one
 * at a time.
 */
public final class ConfigLoader {
    private final ObjectMapper mapper;

    private ConfigLoader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static ConfigLoader yaml() {
        return new ConfigLoader(ConfigMappers.yaml());
    }

    public static ConfigLoader json() {
        return new ConfigLoader(ConfigMappers.json());
    }

    public LoadedConfig load(Path file) throws ConfigFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException("config file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ConfigFileException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public LoadedConfig parse(String text, String source) throws ConfigFileException {
        JsonNode tree;
        try (JsonParser parser = parserFor(text)) {
            tree = mapper.readTree(parser);
        } catch (YamlAliases.Refused e) {
            throw new ConfigFileException(source + " " + e.getMessage(), null);
        } catch (JacksonException e) {
            String duplicate = duplicateKey(e);
            if (duplicate != null) {
                // no Jackson cause: the CLI rewords a Jackson cause's message, and this one is already plain
                throw new ConfigFileException(source + " is not valid " + formatName() + ": " + duplicate, null);
            }
            throw new ConfigFileException(source + " is not valid " + formatName() + ": " + describe(e), e);
        } catch (IOException e) {
            throw new ConfigFileException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigFileException(source + " is empty", null);
        }
        if (!tree.isObject()) {
            throw new ConfigFileException(source + " must hold a mapping of keys (mode, listen, backends, ...), not "
                    + TypeNames.describe(tree), null);
        }
        return map(tree);
    }

    /** Maps an already-parsed tree (the admin API's {@code config} field, for instance). */
    public LoadedConfig map(JsonNode tree) throws ConfigFileException {
        List<Problem> problems = new ArrayList<>();
        ObjectReader reader = mapper.readerFor(ProxyConfig.class).withHandler(new Collector(problems));
        try {
            ProxyConfig config = reader.readValue(mapper.treeAsTokens(tree));
            return new LoadedConfig(config == null ? ProxyConfig.empty() : config, problems);
        } catch (MismatchedInputException e) {
            problems.add(Problem.error(pathOf(e.getPath()), describe(e)));
            return new LoadedConfig(ProxyConfig.empty(), problems);
        } catch (JacksonException e) {
            throw new ConfigFileException("cannot map config: " + describe(e), e);
        } catch (IOException e) {
            throw new ConfigFileException("cannot map config: " + e.getMessage(), e);
        }
    }

    public String write(ProxyConfig config) {
        try {
            return mapper.writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException("config model failed to serialise", e);
        }
    }

    private JsonParser parserFor(String text) throws IOException {
        JsonParser parser = mapper.createParser(text);
        return parser instanceof YAMLParser yaml ? new YamlSpecialFloats(new YamlAliases(yaml)) : parser;
    }

    /**
     * "duplicate key backends[0].address (line 5, column 12)" for the parser's strict duplicate
     * detection, whose own message names only the key; null for any other error.
     */
    private static String duplicateKey(JacksonException e) {
        if (!(e instanceof StreamReadException read) || read.getProcessor() == null
                || e.getOriginalMessage() == null || !e.getOriginalMessage().startsWith("Duplicate field '")) {
            return null;
        }
        JsonParser parser = read.getProcessor();
        String key = parser.getParsingContext().getCurrentName();
        return describe(e).replace(e.getOriginalMessage(),
                "duplicate key " + PathStyle.FILE.render(pathOf(parser, null).parent().asWritten(key)));
    }

    private String formatName() {
        return mapper.getFactory().getFormatName();
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return message.replace('\n', ' ');
    }

    private static FieldPath pathOf(List<com.fasterxml.jackson.databind.JsonMappingException.Reference> refs) {
        FieldPath path = FieldPath.ROOT;
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : refs) {
            path = ref.getFieldName() != null ? path.field(camel(ref.getFieldName())) : path.index(ref.getIndex());
        }
        return path;
    }

    static FieldPath pathOf(JsonParser p, String extraField) {
        List<Object> reversed = new ArrayList<>();
        if (extraField != null) {
            reversed.add(camel(extraField));
        }
        var start = p.getParsingContext();
        if (start != null && start.inArray() && p.currentToken() == JsonToken.START_ARRAY) {
            start = start.getParent();
        }
        for (var ctx = start; ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
            if (ctx.inArray()) {
                if (ctx.getCurrentIndex() >= 0) {
                    reversed.add(ctx.getCurrentIndex());
                }
            } else if (ctx.getCurrentName() != null) {
                reversed.add(camel(ctx.getCurrentName()));
            }
        }
        List<Object> segments = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            segments.add(reversed.get(i));
        }
        return new FieldPath(segments);
    }

    private static String camel(String key) {
        return PathStyle.toCamel(key);
    }

    /** Records every mapping problem and lets the mapping go on with a null (the default). */
    private static final class Collector extends DeserializationProblemHandler {
        private final List<Problem> problems;

        Collector(List<Problem> problems) {
            this.problems = problems;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                Object beanOrClass, String propertyName) throws IOException {
            Collection<Object> known = deserializer.getKnownPropertyNames();
            // the parser's path ends in the unknown key; keep it as written, not respelled as a model name
            problems.add(Problem.error(pathOf(p, null).parent().asWritten(propertyName),
                    UnknownKeys.message(propertyName, known)));
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
                String failureMsg) {
            problems.add(Problem.error(pathOf(ctxt.getParser(), null), TypeNames.mismatch(targetType, "\"" + value + "\"", failureMsg)));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value,
                String failureMsg) {
            problems.add(Problem.error(pathOf(ctxt.getParser(), null), TypeNames.numberMismatch(targetType, value, failureMsg)));
            return null;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                String failureMsg) throws IOException {
            problems.add(Problem.error(pathOf(p, null), TypeNames.mismatch(targetType.getRawClass(), TypeNames.describe(t), null)));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                ValueInstantiator valueInsts, JsonParser p, String msg) throws IOException {
            problems.add(Problem.error(pathOf(p, null), TypeNames.mismatch(instClass, TypeNames.describe(p.currentToken()), null)));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument,
                Throwable t) {
            problems.add(Problem.error(pathOf(ctxt.getParser(), null), rootMessage(t, argument)));
            return null;
        }

        /** The user-facing cause (an enum's "unknown mode ..."), on one line, without Jackson's wrapping. */
        private static String rootMessage(Throwable t, Object argument) {
            Throwable cause = t;
            while (cause instanceof JacksonException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String message = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage()
                    : "invalid value" + (argument instanceof String text ? " \"" + text + "\"" : "");
            return message.replace('\n', ' ');
        }
    }
}
