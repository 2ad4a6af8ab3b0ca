package io.balance.proxy.health;

/** Told once, on the probe's event loop, how a probe went. */
@FunctionalInterface
interface ProbeCallback {
    /** {@code detail} says what went wrong when {@code ok} is false. */
    void done(boolean ok, String detail);
}
