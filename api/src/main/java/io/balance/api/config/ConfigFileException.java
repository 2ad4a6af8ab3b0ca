package io.balance.api.config;

/** The file could not be read or is not YAML at all: one clear line, no partial result. */
public class ConfigFileException extends Exception {
    public ConfigFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
