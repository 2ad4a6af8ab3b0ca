package io.balance.proxy;

/** Placeholder entry point; the CLI lands next. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(2);
    }
}
