package io.balance.api.validation;

import java.time.Duration;

/** Small shared checks that keep the rule classes short. */
final class Checks {
    private Checks() {
    }

    /** Durations compared with each other only when positive; otherwise the positive check already speaks. */
    static boolean isPositive(Duration value) {
        return !value.isNegative() && !value.isZero();
    }

    static void positive(Problems problems, FieldPath path, Duration value) {
        if (!isPositive(value)) {
            problems.error(path, "must be a positive duration, e.g. 5s; got " + io.balance.api.config.GoDuration.format(value));
        }
    }

    static void notNegative(Problems problems, FieldPath path, Duration value) {
        if (value.isNegative()) {
            problems.error(path, "must not be negative; got " + io.balance.api.config.GoDuration.format(value));
        }
    }

    static void range(Problems problems, FieldPath path, long value, long min, long max) {
        if (value < min || value > max) {
            problems.error(path, "must be between " + min + " and " + max + "; got " + value);
        }
    }

    static void range(Problems problems, FieldPath path, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            problems.error(path, "must be between " + min + " and " + max + "; got " + value);
        }
    }
}
