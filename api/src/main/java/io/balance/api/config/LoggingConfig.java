package io.balance.api.config;

/**
 * {@code logging}: the original format's log settings. {@code level}, {@code format} and
 * {@code add_caller} change no proxy behaviour and are accepted with a warning (Balance logs
 * plain text at info level; see the docs for changing it). {@code access_log: true} asks for
 * access logs, which are not supported yet, and is rejected.
 */
public record LoggingConfig(String level, String format, Boolean addCaller, Boolean accessLog) {

    public LoggingConfig {
        accessLog = accessLog != null && accessLog;
    }

    public static LoggingConfig defaults() {
        return new LoggingConfig(null, null, null, null);
    }
}
