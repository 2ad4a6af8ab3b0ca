package io.balance.proxy.lb;

import io.balance.proxy.backend.Backend;

/** Which backends a pick may return: available ones, minus those a retry already tried. */
@FunctionalInterface
public interface BackendFilter {
    boolean accepts(Backend backend);

    BackendFilter AVAILABLE = Backend::available;
    BackendFilter ANY = backend -> true;
}
