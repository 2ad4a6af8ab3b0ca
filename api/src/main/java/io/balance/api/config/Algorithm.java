package io.balance.api.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The load-balancing algorithms, spelled as in the Balance file format. */
public enum Algorithm {
    ROUND_ROBIN("round-robin", false),
    WEIGHTED_ROUND_ROBIN("weighted-round-robin", false),
    LEAST_CONNECTIONS("least-connections", false),
    WEIGHTED_LEAST_CONNECTIONS("weighted-least-connections", false),
    RANDOM("random", false),
    CONSISTENT_HASH("consistent-hash", true),
    BOUNDED_CONSISTENT_HASH("bounded-consistent-hash", true),
    IP_HASH("ip-hash", true);

    private final String key;
    private final boolean hashing;

    Algorithm(String key, boolean hashing) {
        this.key = key;
        this.hashing = hashing;
    }

    @JsonValue
    public String key() {
        return key;
    }

    /** True for algorithms that pick a backend from a hash of the request ({@code hash_key}). */
    public boolean hashing() {
        return hashing;
    }

    public static String validKeys() {
        return Arrays.stream(values()).map(Algorithm::key).collect(Collectors.joining(", "));
    }

    @JsonCreator
    public static Algorithm fromKey(String key) {
        for (Algorithm algorithm : values()) {
            if (algorithm.key.equals(key)) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown algorithm \"" + key + "\"; valid: " + validKeys());
    }
}
