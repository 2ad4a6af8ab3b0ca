package io.balance.api.validation;

import static io.balance.api.validation.Validate.assertClean;
import static io.balance.api.validation.Validate.errors;
import static io.balance.api.validation.Validate.warnings;
import static io.balance.api.validation.Validate.withBackend;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TuningKnobsRuleTest {

    @Test
    void anEnabledConnectionPoolIsAcceptedWithAWarning() {
        assertThat(warnings("connection_pool: {enabled: true, max_size: 10, max_idle_time: 5m}")).containsExactly(
                "connection_pool: accepted for compatibility and ignored: Balance always pools backend connections in http mode;"
                        + " size and age the pool with http.max_idle_conns_per_host and http.idle_conn_timeout");
        assertThat(withBackend("connection_pool: {enabled: true}").isValid()).isTrue();
    }

    @Test
    void aSwitchedOffConnectionPoolSaysNothing() {
        assertClean("connection_pool: {enabled: false, max_size: 10}");
        assertClean("connection_pool: {max_size: 10}");
    }

    @Test
    void loggingSettingsAreAcceptedWithAWarningEach() {
        assertThat(warnings("logging: {level: debug, format: json, add_caller: true, access_log: false}")).containsExactly(
                "logging.level: accepted for compatibility and ignored: Balance logs at info level;"
                        + " change it with the JVM option -Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "logging.format: accepted for compatibility and ignored: Balance writes plain text log lines",
                "logging.add_caller: accepted for compatibility and ignored: Balance log lines name the logger, not the calling line");
        assertThat(errors("logging: {level: debug, format: json, add_caller: true}")).isEmpty();
    }

    @Test
    void aMisspelledLoggingKeyIsStillUnknown() {
        assertThat(errors("logging: {levle: debug}")).containsExactly(
                "logging.levle: unknown key \"levle\"; did you mean \"level\"?");
    }
}
