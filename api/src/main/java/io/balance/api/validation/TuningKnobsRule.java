package io.balance.api.validation;

import io.balance.api.config.LoggingConfig;
import io.balance.api.config.ProxyConfig;

/**
 * Keys of the original format that tune nothing Balance does differently. They are accepted,
 * so old files keep loading, with a warning that says what to use instead.
 */
final class TuningKnobsRule implements Rule {
    private static final String IGNORED = "accepted for compatibility and ignored: ";

    @Override
    public void check(ProxyConfig config, Problems problems) {
        if (config.connectionPool().enabled()) {
            problems.warning(FieldPath.of("connectionPool"), IGNORED + "Balance always pools backend connections in http mode;"
                    + " size and age the pool with http.max_idle_conns_per_host and http.idle_conn_timeout");
        }
        LoggingConfig logging = config.logging();
        FieldPath base = FieldPath.of("logging");
        if (logging.level() != null) {
            problems.warning(base.field("level"), IGNORED + "Balance logs at info level;"
                    + " change it with the JVM option -Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
        }
        if (logging.format() != null) {
            problems.warning(base.field("format"), IGNORED + "Balance writes plain text log lines");
        }
        if (logging.addCaller() != null) {
            problems.warning(base.field("addCaller"), IGNORED + "Balance log lines name the logger, not the calling line");
        }
    }
}
