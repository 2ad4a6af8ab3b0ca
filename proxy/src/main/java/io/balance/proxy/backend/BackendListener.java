package io.balance.proxy.backend;

/** Told when backends join or leave the set (metrics, health checks, connection pools). */
public interface BackendListener {
    void added(Backend backend);

    void removed(Backend backend);
}
