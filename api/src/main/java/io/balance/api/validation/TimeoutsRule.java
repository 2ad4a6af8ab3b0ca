package io.balance.api.validation;

import io.balance.api.config.GoDuration;
import io.balance.api.config.ProxyConfig;
import io.balance.api.config.ShutdownConfig;
import io.balance.api.config.TimeoutsConfig;

/** Every timeout positive (the per-request deadline may be 0 for none); shutdown windows ordered. */
final class TimeoutsRule implements Rule {
    @Override
    public void check(ProxyConfig config, Problems problems) {
        TimeoutsConfig t = config.timeouts();
        FieldPath base = FieldPath.of("timeouts");
        Checks.positive(problems, base.field("connect"), t.connect());
        Checks.positive(problems, base.field("read"), t.read());
        Checks.positive(problems, base.field("write"), t.write());
        Checks.positive(problems, base.field("idle"), t.idle());
        Checks.notNegative(problems, base.field("request"), t.request());

        ShutdownConfig s = config.shutdown();
        FieldPath shutdown = FieldPath.of("shutdown");
        Checks.notNegative(problems, shutdown.field("drainDelay"), s.drainDelay());
        Checks.positive(problems, shutdown.field("gracePeriod"), s.gracePeriod());
        if (Checks.isPositive(s.gracePeriod()) && s.drainDelay().compareTo(s.gracePeriod()) >= 0) {
            problems.error(shutdown.field("drainDelay"), "must be shorter than grace_period (" + GoDuration.format(s.gracePeriod())
                    + "), or in-flight requests get no time to finish; got " + GoDuration.format(s.drainDelay()));
        }
    }
}
