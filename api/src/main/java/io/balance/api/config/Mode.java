package io.balance.api.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What the proxy speaks to clients: raw TCP relaying or HTTP/1.1 reverse proxying. */
public enum Mode {
    TCP("tcp"),
    HTTP("http");

    private final String key;

    Mode(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static Mode fromKey(String key) {
        for (Mode mode : values()) {
            if (mode.key.equals(key)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode \"" + key + "\"; valid: tcp, http");
    }
}
