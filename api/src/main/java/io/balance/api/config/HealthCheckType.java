package io.balance.api.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How an active health probe talks to a backend. */
public enum HealthCheckType {
    TCP("tcp"),
    HTTP("http"),
    HTTPS("https");

    private final String key;

    HealthCheckType(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static HealthCheckType fromKey(String key) {
        for (HealthCheckType type : values()) {
            if (type.key.equals(key)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown health check type \"" + key + "\"; valid: tcp, http, https");
    }
}
