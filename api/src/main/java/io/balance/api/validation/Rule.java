package io.balance.api.validation;

import io.balance.api.config.ProxyConfig;

/** One concern of the validator. Rules are pure: no I/O, no name resolution. */
interface Rule {
    void check(ProxyConfig config, Problems problems);
}
