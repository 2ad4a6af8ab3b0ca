package io.balance.api.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads YAML's own spellings of infinity and not-a-number ({@code .inf}, {@code -.Inf},
 * {@code .nan}) as the doubles they stand for. The YAML parser tags them as floats but cannot
 * convert them, which failed the whole file; as numbers they reach the field they were written
 * for, which says what it expected ("expected a whole number, got Infinity").
 */
final class YamlSpecialFloats extends JsonParserDelegate {
    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

    YamlSpecialFloats(JsonParser yaml) {
        super(yaml);
    }

    /** The special value at the current token, or null for any other token. */
    private Double special() throws IOException {
        if (currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
            return null;
        }
        String text = getText();
        if (NAN.matcher(text).matches()) {
            return Double.NaN;
        }
        if (INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    @Override
    public NumberType getNumberType() throws IOException {
        return special() != null ? NumberType.DOUBLE : super.getNumberType();
    }

    @Override
    public NumberTypeFP getNumberTypeFP() throws IOException {
        return special() != null ? NumberTypeFP.DOUBLE64 : super.getNumberTypeFP();
    }

    @Override
    public boolean isNaN() throws IOException {
        Double special = special();
        return special != null || super.isNaN();
    }

    @Override
    public double getDoubleValue() throws IOException {
        Double special = special();
        return special != null ? special : super.getDoubleValue();
    }

    @Override
    public float getFloatValue() throws IOException {
        Double special = special();
        return special != null ? special.floatValue() : super.getFloatValue();
    }

    @Override
    public Number getNumberValue() throws IOException {
        Double special = special();
        return special != null ? special : super.getNumberValue();
    }

    @Override
    public Number getNumberValueExact() throws IOException {
        Double special = special();
        return special != null ? special : super.getNumberValueExact();
    }

    @Override
    public Object getNumberValueDeferred() throws IOException {
        Double special = special();
        return special != null ? special : super.getNumberValueDeferred();
    }
}
