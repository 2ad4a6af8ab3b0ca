package io.balance.api.validation;

/** An error makes a config unusable; a warning is legal but worth a look. */
public enum Severity {
    ERROR,
    WARNING
}
